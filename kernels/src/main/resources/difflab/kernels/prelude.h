/*
 * difflab portable kernel prelude: the same sources compile as OpenCL C 1.2 (clBuildProgram at run
 * time) and as CUDA C++ (nvcc -ptx or NVRTC). Everything dialect-specific is behind these macros.
 *
 *   KERNEL        kernel entry point            __kernel void     | extern "C" __global__ void
 *   GLOBAL        pointer to device memory      __global          | (empty)
 *   GID(k)        global work-item index, dim k get_global_id(k)  | blockIdx*blockDim+threadIdx
 *   DEVFN         helper function               static inline     | static __device__ inline
 *   RESTRICT      non-aliasing pointer          restrict          | __restrict__
 *   REAL          floating type                 double, or float with -DREAL_IS_FLOAT
 *   RC(x)         REAL constant                 ((REAL)(x))
 *   MULHI(a,b)    high 32 bits of a 32x32 product mul_hi          | __umulhi
 *   ATOMIC_INC(p) old value of *p, *p += 1 (int) atomic_inc        | atomicAdd(p, 1)
 *   VW            particles per work-item (-DVW=8 on CPUs; 1 under CUDA); REALV, VL, VS below
 *   U32, U64      32- and 64-bit unsigned (own names: nvcc host headers already declare ulong)
 *
 * Floating-point contract: no contraction of a*b+c into FMA, so that sums evaluated in a fixed
 * order reproduce the Java twins bit for bit. OpenCL: the pragma below. CUDA: compile with
 * --fmad=false (nvcc) or -fmad=false (NVRTC); the pragma is ignored there.
 * fp32 builds: add -DREAL_IS_FLOAT and, under OpenCL, -cl-single-precision-constant.
 *
 * Layout: particle buffers are coordinate-major with a row stride n (x[j*n + i]); kernels with
 * VW > 1 need n to be a multiple of VW (the host pads rows) and process every particle i < n.
 * Lanes never interact, so each particle's arithmetic is the same sequence of operations for every
 * VW (only vector log/exp/sin/cos may differ from the scalar ones in the last ulps).
 */
#define DL_CAT(a, b) a##b
#define DL_XCAT(a, b) DL_CAT(a, b)

#ifdef REAL_IS_FLOAT
  #define REAL_T float
#else
  #define REAL_T double
#endif

/* Particles per work-item (SIMD lanes across neighbouring particles): 1, 2, 4, 8 or 16. */
#ifndef VW
  #define VW 1
#endif

#ifdef __CUDACC__
  #define KERNEL extern "C" __global__ void
  #define GLOBAL
  #define DEVFN static __device__ inline
  #define RESTRICT __restrict__
  #define GID(k) ((k) == 0 ? (size_t)blockIdx.x * blockDim.x + threadIdx.x \
                : (k) == 1 ? (size_t)blockIdx.y * blockDim.y + threadIdx.y \
                           : (size_t)blockIdx.z * blockDim.z + threadIdx.z)
  #define MULHI(a, b) __umulhi((a), (b))
  #define ATOMIC_INC(p) atomicAdd((p), 1)
  #define U32 unsigned int
  #define U64 unsigned long long
  #if VW != 1
    #error "CUDA builds use VW=1 (one particle per thread)"
  #endif
#else
  #pragma OPENCL FP_CONTRACT OFF
  #define KERNEL __kernel void
  #define GLOBAL __global
  #define DEVFN static inline
  #define RESTRICT restrict
  #define GID(k) get_global_id(k)
  #define MULHI(a, b) mul_hi((a), (b))
  #define ATOMIC_INC(p) atomic_inc(p)
  #define U32 uint
  #define U64 ulong
  #ifndef REAL_IS_FLOAT
    #pragma OPENCL EXTENSION cl_khr_fp64 : enable
  #endif
#endif

typedef REAL_T REAL;
#define RC(x) ((REAL)(x))

/*
 * Lane vectors: REALV holds coordinate j of VW neighbouring particles; VL/VS load and store them
 * at element offset e (e a multiple of VW), VSPLAT broadcasts a scalar. With VW == 1 these are
 * plain scalars, so the same kernel text is the scalar CUDA kernel.
 */
#if VW == 1
  typedef REAL REALV;
  #define U32V U32
  #define U64V U64
  #define VL(p, e) ((p)[(e)])
  #define VS(v, p, e) ((p)[(e)] = (v))
  #define CONVERT_U64V(x) ((U64)(x))
  #define CONVERT_REALV(x) ((REAL)(x))
  #define VIOTA 0u
#else
  typedef DL_XCAT(REAL_T, VW) REALV;
  #define U32V DL_XCAT(uint, VW)
  #define U64V DL_XCAT(ulong, VW)
  #define VL(p, e) DL_XCAT(vload, VW)(0, (p) + (e))
  #define VS(v, p, e) DL_XCAT(vstore, VW)((v), 0, (p) + (e))
  #define CONVERT_U64V(x) DL_XCAT(convert_ulong, VW)(x)
  #define CONVERT_REALV(x) DL_XCAT(convert_, DL_XCAT(REAL_T, VW))(x)
  #if VW == 2
    #define VIOTA ((U32V)(0u, 1u))
  #elif VW == 4
    #define VIOTA ((U32V)(0u, 1u, 2u, 3u))
  #elif VW == 8
    #define VIOTA ((U32V)(0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u))
  #elif VW == 16
    #define VIOTA ((U32V)(0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 10u, 11u, 12u, 13u, 14u, 15u))
  #else
    #error "VW must be 1, 2, 4, 8 or 16"
  #endif
#endif
#define VSPLAT(x) ((REALV)(x))

/*
 * exp (of arguments <= 0) and log written as explicit operations that the Java twin
 * difflab.kernels.PortableMath repeats one for one, so that the fp64 mixture denoiser gives the same bits on
 * every backend (a platform's exp/log may differ from Java's in the last ulp). fp32 builds use the platform's.
 *
 * dl_expnp(x), x <= 0: x = max(x, -708); k = rint(x / ln 2); r = x - k ln2_hi - k ln2_lo (two fma);
 *   exp(r) by Horner over the Taylor coefficients 1/13! .. 1/0! (|r| <= ln2/2: truncation < 5e-18);
 *   result ldexp(p, k) (exact: the result is a normal number).
 * dl_log(x), x > 0 normal: x = m 2^e with m in [sqrt(1/2), sqrt(2)); s = (m-1)/(m+1);
 *   log m = 2s + 2s z t(z), z = s^2, t = 1/3 + z/5 + ... + z^9/21 by Horner; log x = e ln2_hi + (e ln2_lo + log m).
 */
#ifdef REAL_IS_FLOAT
  #define DL_EXPNP(SUF, T, TOINT) DEVFN T dl_expnp##SUF(const T x) { return exp(x); }
  DEVFN REAL dl_log(const REAL x) { return log(x); }
#else
  #define DL_EXPNP(SUF, T, TOINT)                                                  \
  DEVFN T dl_expnp##SUF(T x) {                                                     \
      x = fmax(x, (T)(-708.0));                                                    \
      const T k = rint(x * (T)(1.4426950408889634));                               \
      T r = fma(k, (T)(-0.6931471805599453), x);                                   \
      r = fma(k, (T)(-2.3190468138462996e-17), r);                                 \
      T p = (T)(1.6059043836821613e-10);                                           \
      p = fma(p, r, (T)(2.08767569878681e-09));                                    \
      p = fma(p, r, (T)(2.505210838544172e-08));                                   \
      p = fma(p, r, (T)(2.755731922398589e-07));                                   \
      p = fma(p, r, (T)(2.7557319223985893e-06));                                  \
      p = fma(p, r, (T)(2.48015873015873e-05));                                    \
      p = fma(p, r, (T)(0.0001984126984126984));                                   \
      p = fma(p, r, (T)(0.001388888888888889));                                    \
      p = fma(p, r, (T)(0.008333333333333333));                                    \
      p = fma(p, r, (T)(0.041666666666666664));                                    \
      p = fma(p, r, (T)(0.16666666666666666));                                     \
      p = fma(p, r, (T)(0.5));                                                     \
      p = fma(p, r, (T)(1.0));                                                     \
      p = fma(p, r, (T)(1.0));                                                     \
      return ldexp(p, TOINT(k));                                                   \
  }
  DEVFN REAL dl_log(const REAL x) {
      int e;
      REAL m = frexp(x, &e);
      if (m < RC(0.7071067811865476)) {
          m = m + m;
          e = e - 1;
      }
      const REAL f = m - RC(1.0);
      const REAL s = f / (f + RC(2.0));
      const REAL z = s * s;
      REAL t = RC(0.047619047619047616);
      t = fma(t, z, RC(0.05263157894736842));
      t = fma(t, z, RC(0.058823529411764705));
      t = fma(t, z, RC(0.06666666666666667));
      t = fma(t, z, RC(0.07692307692307693));
      t = fma(t, z, RC(0.09090909090909091));
      t = fma(t, z, RC(0.1111111111111111));
      t = fma(t, z, RC(0.14285714285714285));
      t = fma(t, z, RC(0.2));
      t = fma(t, z, RC(0.3333333333333333));
      const REAL u = z * t;
      const REAL s2 = s + s;
      const REAL logm = fma(s2, u, s2);
      const REAL ee = (REAL)e;
      return fma(ee, RC(0.6931471805599453), fma(ee, RC(2.3190468138462996e-17), logm));
  }
#endif
#define DL_TOINT_S(x) ((int)(x))
#if VW == 1
  DL_EXPNP(_v, REALV, DL_TOINT_S)
  #define dl_expnp_s dl_expnp_v
#else
  DL_EXPNP(_v, REALV, DL_XCAT(convert_int, VW))
  DL_EXPNP(_s, REAL, DL_TOINT_S)
#endif

/* Maximum number of model-output terms and of noise terms in one combination (host checks). */
#define MAX_TERMS 8
#define MAX_NOISE 2

/* Scalars of one combination  s = a*x + sum_k c_k*T_k + sum_q cz_q*z_q  (see combine.cl). */
#define COMBO_PARAMS \
    const REAL a, GLOBAL const REAL* X, const int nt, \
    GLOBAL const REAL* RESTRICT T0, GLOBAL const REAL* RESTRICT T1, \
    GLOBAL const REAL* RESTRICT T2, GLOBAL const REAL* RESTRICT T3, \
    GLOBAL const REAL* RESTRICT T4, GLOBAL const REAL* RESTRICT T5, \
    GLOBAL const REAL* RESTRICT T6, GLOBAL const REAL* RESTRICT T7, \
    const REAL c0, const REAL c1, const REAL c2, const REAL c3, \
    const REAL c4, const REAL c5, const REAL c6, const REAL c7, \
    const int nz, const U32 key0, const U32 key1, const U32 poff, const U32 step, \
    const U32 s0, const REAL cz0, const U32 s1, const REAL cz1

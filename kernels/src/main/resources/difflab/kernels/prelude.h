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
 *   U32, U64      32- and 64-bit unsigned (own names: nvcc host headers already declare ulong)
 *
 * Floating-point contract: no contraction of a*b+c into FMA, so that sums evaluated in a fixed
 * order reproduce the Java twins bit for bit. OpenCL: the pragma below. CUDA: compile with
 * --fmad=false (nvcc) or -fmad=false (NVRTC); the pragma is ignored there.
 * fp32 builds: add -DREAL_IS_FLOAT and, under OpenCL, -cl-single-precision-constant.
 */
#ifdef __CUDACC__
  #define KERNEL extern "C" __global__ void
  #define GLOBAL
  #define DEVFN static __device__ inline
  #define RESTRICT __restrict__
  #define GID(k) ((k) == 0 ? (size_t)blockIdx.x * blockDim.x + threadIdx.x \
                : (k) == 1 ? (size_t)blockIdx.y * blockDim.y + threadIdx.y \
                           : (size_t)blockIdx.z * blockDim.z + threadIdx.z)
  #define MULHI(a, b) __umulhi((a), (b))
  #define U32 unsigned int
  #define U64 unsigned long long
#else
  #pragma OPENCL FP_CONTRACT OFF
  #define KERNEL __kernel void
  #define GLOBAL __global
  #define DEVFN static inline
  #define RESTRICT restrict
  #define GID(k) get_global_id(k)
  #define MULHI(a, b) mul_hi((a), (b))
  #define U32 uint
  #define U64 ulong
  #ifndef REAL_IS_FLOAT
    #pragma OPENCL EXTENSION cl_khr_fp64 : enable
  #endif
#endif

#ifdef REAL_IS_FLOAT
  typedef float REAL;
#else
  typedef double REAL;
#endif
#define RC(x) ((REAL)(x))

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

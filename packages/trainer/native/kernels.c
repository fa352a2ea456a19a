/*
 * grokscope_kernels: a Node-API addon with native versions of the two kernels that dominate a
 * training step on the tfjs wasm backend, working in place on memory the wasm backend owns (its
 * heap, passed as a Float32Array view, so nothing is copied):
 *   - single-precision matrix products on the machine's OpenBLAS. Why: wasm SIMD has no FMA;
 *     OpenBLAS uses native FMA and wide vectors, ~2x wasm's speed even on one thread
 *     (PERF-NOTES.md, "a native kernel path"; threads: see load() below);
 *   - erf (the exact GeLU's), vectorised: wasm's is a scalar loop, ~20 % of an MLP step.
 *
 * OpenBLAS is opened with dlopen at run time, so this file compiles without any BLAS headers or
 * packages, and a machine without OpenBLAS gets a clear error instead of a failed build.
 * Only OpenBLAS is accepted: the reference libblas is ~18x slower than wasm.
 */
#include <dlfcn.h>
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int,
                         float, float *, int);
typedef void (*set_threads_fn)(int);
typedef int (*get_threads_fn)(void);
typedef char *(*get_config_fn)(void);

static sgemm_fn sgemm;
static set_threads_fn set_threads;
static get_threads_fn get_threads;
static get_config_fn get_config;

#define CHECK(call)                                                                 \
  if ((call) != napi_ok) {                                                          \
    napi_throw_error(env, NULL, "grokscope_kernels: N-API call failed: " #call);    \
    return NULL;                                                                    \
  }

static napi_value str(napi_env env, const char *s) {
  napi_value v;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

/* load(libraryName) -> OpenBLAS's config string ("OpenBLAS 0.3.21 DYNAMIC_ARCH ... SkylakeX"). */
static napi_value load(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char name[512];
  size_t len;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_string_utf8(env, argv[0], name, sizeof name, &len));
  /* Both are read when the library initialises, so set before dlopen; a user's own setting wins.
   * One thread by default: each product joins all its threads, so when another process wants a
   * core (the dashboard, PostgreSQL, a second worker) products wait for a descheduled thread.
   * bench/busy-machine.ts, paper MLP p = 97 on 2 cores: idle, 2 threads 17.2 ms/step, 1 thread
   * 21.2; beside 2 busy processes, 2 threads 101.8 (20-112, luck), 1 thread 31.6 (plain wasm 72).
   * Throughput comes from more workers (GROKSCOPE_WORKERS); OPENBLAS_NUM_THREADS opts in to more.
   * OpenBLAS's idle threads spin (sched_yield) for ~0.1 s after every call by default: between a
   * step's products that kept a whole second core busy in the kernel for nothing (measured: 1.45 s
   * of system time per 2.3 s run, 0.34 s with this, same speed). 2^4 cycles: sleep at once. */
  setenv("OPENBLAS_NUM_THREADS", "1", 0);
  setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0);
  void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    napi_throw_error(env, NULL, dlerror());
    return NULL;
  }
  sgemm = (sgemm_fn)dlsym(lib, "cblas_sgemm");
  set_threads = (set_threads_fn)dlsym(lib, "openblas_set_num_threads");
  get_threads = (get_threads_fn)dlsym(lib, "openblas_get_num_threads");
  get_config = (get_config_fn)dlsym(lib, "openblas_get_config");
  if (!sgemm || !set_threads || !get_threads || !get_config) {
    sgemm = NULL;
    napi_throw_error(env, NULL, "not OpenBLAS (cblas_sgemm / openblas_* symbols missing)");
    return NULL;
  }
  return str(env, get_config());
}

static int loaded(napi_env env) {
  if (!sgemm) napi_throw_error(env, NULL, "grokscope_kernels: load() OpenBLAS first");
  return sgemm != NULL;
}

/* setThreads(n) -> the thread count OpenBLAS reports afterwards. */
static napi_value threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  int32_t n = 0;
  if (!loaded(env)) return NULL;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc > 0) {
    CHECK(napi_get_value_int32(env, argv[0], &n));
    if (n > 0) set_threads(n);
  }
  CHECK(napi_create_int32(env, get_threads(), &out));
  return out;
}

/*
 * Reads a kernel's `expected` arguments; the first must be the heap, a Float32Array. Returns 0
 * after throwing a JS error when they are not what the kernel `name` expects.
 */
static int heap_call(napi_env env, napi_callback_info info, const char *name, size_t expected,
                     napi_value *argv, float **heap, size_t *length) {
  size_t argc = expected;
  napi_typedarray_type type;
  size_t byte_offset;
  void *data;
  napi_value buffer;
  char message[96];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != expected) {
    snprintf(message, sizeof message, "%s expects %zu arguments", name, expected);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  if (napi_get_typedarray_info(env, argv[0], &type, length, &data, &buffer, &byte_offset) != napi_ok ||
      type != napi_float32_array) {
    snprintf(message, sizeof message, "%s: heap must be a Float32Array", name);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  *heap = (float *)data;
  return 1;
}

/*
 * sgemm(heap, transA, transB, M, N, K, aOffset, bOffset, cOffset, batch, aStride, bStride, cStride)
 * For each of `batch` products: C = op(A) op(B), all row-major and contiguous; op(A) is M x K,
 * op(B) K x N, C M x N. Offsets and strides count floats; a stride of 0 broadcasts that operand.
 * Every access is bounds-checked against the heap, so a wrong offset throws instead of crashing.
 */
static napi_value gemm(napi_env env, napi_callback_info info) {
  napi_value argv[13];
  float *heap;
  size_t length;
  bool trans_a, trans_b;
  int64_t v[10]; /* M N K aOff bOff cOff batch aStride bStride cStride */
  if (!loaded(env) || !heap_call(env, info, "sgemm", 13, argv, &heap, &length)) return NULL;
  CHECK(napi_get_value_bool(env, argv[1], &trans_a));
  CHECK(napi_get_value_bool(env, argv[2], &trans_b));
  for (int i = 0; i < 10; i++) CHECK(napi_get_value_int64(env, argv[3 + i], &v[i]));
  int64_t M = v[0], N = v[1], K = v[2], batch = v[6];
  if (M <= 0 || N <= 0 || K <= 0 || batch <= 0 || M > INT32_MAX || N > INT32_MAX || K > INT32_MAX) {
    napi_throw_range_error(env, NULL, "sgemm: M, N, K and batch must be positive int32");
    return NULL;
  }
  int64_t sizes[3] = {M * K, K * N, M * N};
  for (int t = 0; t < 3; t++) {
    int64_t off = v[3 + t], stride = v[7 + t];
    if (off < 0 || stride < 0 || off + stride * (batch - 1) + sizes[t] > (int64_t)length) {
      napi_throw_range_error(env, NULL, "sgemm: an operand lies outside the heap");
      return NULL;
    }
  }
  int lda = trans_a ? (int)M : (int)K, ldb = trans_b ? (int)K : (int)N;
  for (int64_t b = 0; b < batch; b++) {
    sgemm(ROW_MAJOR, trans_a ? TRANS : NO_TRANS, trans_b ? TRANS : NO_TRANS, (int)M, (int)N, (int)K,
          1.0f, heap + v[3] + b * v[7], lda, heap + v[4] + b * v[8], ldb, 0.0f,
          heap + v[5] + b * v[9], (int)N);
  }
  return NULL;
}

/*
 * erf in float32 as a rational function on [-4, 4] (outside, erf is ±1 in float32): the
 * approximation Eigen and XLA use for float erf. Max abs error 3.8e-7 against double erf
 * (tested); NaN stays NaN (the clamp's comparisons are false for NaN), ±Inf gives ±1.
 */
static inline float erf_approx(float v) {
  const float x = v > 4.f ? 4.f : (v < -4.f ? -4.f : v);
  const float x2 = x * x;
  float p = x2 * -2.72614225801306e-10f + 2.77068142495902e-08f;
  p = x2 * p + -2.10102402082508e-06f;
  p = x2 * p + -5.69250639462346e-05f;
  p = x2 * p + -7.34990630326855e-04f;
  p = x2 * p + -2.95459980854025e-03f;
  p = x2 * p + -1.60960333262415e-02f;
  float q = x2 * -1.45660718464996e-05f + -2.13374055278905e-04f;
  q = x2 * q + -1.68282697438203e-03f;
  q = x2 * q + -7.37332916720468e-03f;
  q = x2 * q + -1.42647390514189e-02f;
  return x * p / q;
}

/* Compiled for the widest vectors this CPU has, chosen when the addon loads (the build machine
 * may not be the one that runs it): 16 floats per instruction with AVX-512 is ~10x the SSE loop. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void erf_loop(const float *restrict in, float *restrict out, int64_t n) {
  for (int64_t i = 0; i < n; i++) out[i] = erf_approx(in[i]);
}

/* erf(heap, inOffset, outOffset, n): out[i] = erf(in[i]) for n floats (offsets in floats). */
static napi_value erf_kernel(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  float *heap;
  size_t length;
  int64_t v[3]; /* inOffset outOffset n */
  if (!heap_call(env, info, "erf", 4, argv, &heap, &length)) return NULL;
  for (int i = 0; i < 3; i++) CHECK(napi_get_value_int64(env, argv[1 + i], &v[i]));
  if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[0] + v[2] > (int64_t)length || v[1] + v[2] > (int64_t)length) {
    napi_throw_range_error(env, NULL, "erf: an operand lies outside the heap");
    return NULL;
  }
  /* No aliasing (erf_loop's restrict): tfjs always writes a kernel's output to a new tensor. */
  erf_loop(heap + v[0], heap + v[1], v[2]);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"load", NULL, load, NULL, NULL, NULL, napi_default, NULL},
      {"threads", NULL, threads, NULL, NULL, NULL, napi_default, NULL},
      {"sgemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
      {"erf", NULL, erf_kernel, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

/*
 * grokscope_blas: a Node-API addon that runs single-precision matrix products with the machine's
 * OpenBLAS, on memory the tfjs wasm backend owns (its heap, passed as a Float32Array view, so
 * nothing is copied). Why: wasm SIMD has no FMA and runs on one thread in Node; OpenBLAS uses
 * native FMA on every core (PERF-NOTES.md, "a native kernel path").
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
#include <string.h>

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

#define CHECK(call)                                                                                \
  if ((call) != napi_ok) {                                                                         \
    napi_throw_error(env, NULL, "grokscope_blas: N-API call failed: " #call);                      \
    return NULL;                                                                                   \
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
  /* OpenBLAS's idle threads spin (sched_yield) for ~0.1 s after every call by default: between a
   * step's products that kept a whole second core busy in the kernel for nothing (measured: 1.45 s
   * of system time per 2.3 s run, 0.34 s with this, same speed). 2^4 cycles: sleep at once.
   * Read when the library initialises, so set before dlopen; a user's own setting wins. */
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
  if (!sgemm) napi_throw_error(env, NULL, "grokscope_blas: load() OpenBLAS first");
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
 * sgemm(heap, transA, transB, M, N, K, aOffset, bOffset, cOffset, batch, aStride, bStride, cStride)
 * For each of `batch` products: C = op(A) op(B), all row-major and contiguous; op(A) is M x K,
 * op(B) K x N, C M x N. Offsets and strides count floats; a stride of 0 broadcasts that operand.
 * Every access is bounds-checked against the heap, so a wrong offset throws instead of crashing.
 */
static napi_value gemm(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  napi_typedarray_type type;
  size_t length, byte_offset;
  void *data;
  napi_value buffer;
  bool trans_a, trans_b;
  int64_t v[10]; /* M N K aOff bOff cOff batch aStride bStride cStride */
  if (!loaded(env)) return NULL;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 13) {
    napi_throw_type_error(env, NULL, "sgemm expects 13 arguments");
    return NULL;
  }
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, &buffer, &byte_offset));
  if (type != napi_float32_array) {
    napi_throw_type_error(env, NULL, "sgemm: heap must be a Float32Array");
    return NULL;
  }
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
  float *heap = (float *)data;
  int lda = trans_a ? (int)M : (int)K, ldb = trans_b ? (int)K : (int)N;
  for (int64_t b = 0; b < batch; b++) {
    sgemm(ROW_MAJOR, trans_a ? TRANS : NO_TRANS, trans_b ? TRANS : NO_TRANS, (int)M, (int)N, (int)K,
          1.0f, heap + v[3] + b * v[7], lda, heap + v[4] + b * v[8], ldb, 0.0f,
          heap + v[5] + b * v[9], (int)N);
  }
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"load", NULL, load, NULL, NULL, NULL, napi_default, NULL},
      {"threads", NULL, threads, NULL, NULL, NULL, napi_default, NULL},
      {"sgemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

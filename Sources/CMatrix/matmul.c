// The matrix product with AVX2: four rows of the result at a time, eight
// columns at a time, in eight 4-wide accumulators that stay in registers
// while p runs down k. Each b row segment is loaded once for four rows.
// Multiplies and adds are separate instructions (no FMA), and each
// accumulator adds its products in order of p: the same sums, bit for bit,
// as `for p in 0..<k { sum += a[i,p] * b[p,j] }`.
#include "CMatrix.h"

#include <immintrin.h>

bool optrepl_has_avx2(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

#if defined(__x86_64__) || defined(__i386__)

// Rows r0..r0+rows-1 (rows <= 4), columns j..j+7.
__attribute__((target("avx2"))) static inline void block8(const double *a, const double *b, double *out, long k,
                                                         long m, long r0, long rows, long j) {
  __m256d lo[4], hi[4];
  for (long r = 0; r < 4; r++) {
    lo[r] = _mm256_setzero_pd();
    hi[r] = _mm256_setzero_pd();
  }
  const double *bp = b + j;
  if (rows == 4) {
    const double *a0 = a + r0 * k, *a1 = a0 + k, *a2 = a1 + k, *a3 = a2 + k;
    for (long p = 0; p < k; p++, bp += m) {
      __m256d b0 = _mm256_loadu_pd(bp), b1 = _mm256_loadu_pd(bp + 4);
      __m256d x0 = _mm256_set1_pd(a0[p]), x1 = _mm256_set1_pd(a1[p]);
      __m256d x2 = _mm256_set1_pd(a2[p]), x3 = _mm256_set1_pd(a3[p]);
      lo[0] = _mm256_add_pd(lo[0], _mm256_mul_pd(x0, b0));
      hi[0] = _mm256_add_pd(hi[0], _mm256_mul_pd(x0, b1));
      lo[1] = _mm256_add_pd(lo[1], _mm256_mul_pd(x1, b0));
      hi[1] = _mm256_add_pd(hi[1], _mm256_mul_pd(x1, b1));
      lo[2] = _mm256_add_pd(lo[2], _mm256_mul_pd(x2, b0));
      hi[2] = _mm256_add_pd(hi[2], _mm256_mul_pd(x2, b1));
      lo[3] = _mm256_add_pd(lo[3], _mm256_mul_pd(x3, b0));
      hi[3] = _mm256_add_pd(hi[3], _mm256_mul_pd(x3, b1));
    }
  } else {
    for (long p = 0; p < k; p++, bp += m) {
      __m256d b0 = _mm256_loadu_pd(bp), b1 = _mm256_loadu_pd(bp + 4);
      for (long r = 0; r < rows; r++) {
        __m256d x = _mm256_set1_pd(a[(r0 + r) * k + p]);
        lo[r] = _mm256_add_pd(lo[r], _mm256_mul_pd(x, b0));
        hi[r] = _mm256_add_pd(hi[r], _mm256_mul_pd(x, b1));
      }
    }
  }
  for (long r = 0; r < rows; r++) {
    _mm256_storeu_pd(out + (r0 + r) * m + j, lo[r]);
    _mm256_storeu_pd(out + (r0 + r) * m + j + 4, hi[r]);
  }
}

__attribute__((target("avx2"))) void optrepl_matmul_avx2(const double *a, const double *b, double *out, long n,
                                                          long k, long m) {
  long wide = m - m % 8;
  for (long i = 0; i < n; i += 4) {
    long rows = n - i < 4 ? n - i : 4;
    for (long j = 0; j < wide; j += 8) block8(a, b, out, k, m, i, rows, j);
    for (long r = i; r < i + rows; r++) {
      for (long j = wide; j < m; j++) {
        double sum = 0;
        for (long p = 0; p < k; p++) {
          double product = a[r * k + p] * b[p * m + j];
          sum += product;
        }
        out[r * m + j] = sum;
      }
    }
  }
}

#else

void optrepl_matmul_avx2(const double *a, const double *b, double *out, long n, long k, long m) {
  (void)a, (void)b, (void)out, (void)n, (void)k, (void)m;
}

#endif

// The matrix product's inner kernel, in C so that it can use AVX2 where the
// processor has it (Swift cannot compile one function for another CPU level).
#ifndef OPTREPL_CMATRIX_H
#define OPTREPL_CMATRIX_H

#include <stdbool.h>

/// Whether this processor runs `optrepl_matmul_avx2` (it has AVX2).
bool optrepl_has_avx2(void);

/// out (n×m) = a (n×k) · b (k×m), all row-major. Every element is the sum of
/// a[i,p]*b[p,j] added in order of p, each product rounded before it is added
/// (no fused multiply-add), so the result is bit-for-bit the plain triple
/// loop's. Call only when `optrepl_has_avx2()`.
void optrepl_matmul_avx2(const double *a, const double *b, double *out, long n, long k, long m);

#endif

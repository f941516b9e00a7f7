/* The web build's declaration of the zxcvbn-c interface app/core/strength.cpp calls.
 * zxcvbn-c has no Debian source package, so it cannot be built for WebAssembly here;
 * app/platform_web.cpp implements these over the npm zxcvbn estimator (docs/web.md). */
#ifndef AFTERGLOW_WEB_ZXCVBN_H
#define AFTERGLOW_WEB_ZXCVBN_H
#ifdef __cplusplus
extern "C" {
#endif
/* What a part of the password is (the values zxcvbn-c uses). */
typedef enum {
    NON_MATCH = 0,
    BRUTE_MATCH = 1, /* nothing recognised: costed character by character */
    DICTIONARY_MATCH = 2,
    REPEATS_MATCH = 6,
    SEQUENCE_MATCH = 7,
    SPATIAL_MATCH = 8,
    DATE_MATCH = 9,
    MULTIPLE_MATCH = 32 /* added to the above when the part is repeated */
} ZxcTypeMatch_t;

/* One part of the password: UTF-8 byte offsets and its cost in bits. */
typedef struct ZxcMatch {
    int Begin;
    int Length;
    double Entrpy;
    double MltEnpy;
    ZxcTypeMatch_t Type;
    struct ZxcMatch* Next;
} ZxcMatch_t;

/* Entropy of the password in bits; *Info (when given) receives the parts, freed with
 * ZxcvbnFreeInfo. */
double ZxcvbnMatch(const char* Passwd, const char* UserDict[], ZxcMatch_t** Info);
void ZxcvbnFreeInfo(ZxcMatch_t* Info);
#ifdef __cplusplus
}
#endif
#endif

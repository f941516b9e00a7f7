/* The web build's declaration of the one zxcvbn-c function app/core/strength.cpp calls.
 * zxcvbn-c has no Debian source package, so it cannot be built for WebAssembly here;
 * app/platform_web.cpp implements it over the npm zxcvbn estimator (docs/web.md). */
#ifndef AFTERGLOW_WEB_ZXCVBN_H
#define AFTERGLOW_WEB_ZXCVBN_H
#ifdef __cplusplus
extern "C" {
#endif
typedef struct ZxcMatch ZxcMatch_t;
/* Entropy of the password in bits (log2 of the guesses an attacker needs). Info: unused. */
double ZxcvbnMatch(const char* Passwd, const char* UserDict[], ZxcMatch_t** Info);
#ifdef __cplusplus
}
#endif
#endif

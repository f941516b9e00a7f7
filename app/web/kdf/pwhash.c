/* The key derivation's own WebAssembly module (afterglow_kdf.js/.wasm): libsodium's
 * crypto_pwhash and nothing else. web/kdf_worker.js runs it in a dedicated worker that the
 * page (web/kdf.js) ends after each derivation, so Argon2id's memory (256 MiB and more) goes
 * with the worker instead of staying in the app's heap, which can never shrink (issue 19).
 * Linked without threads (app/web.cmake): plain, unshared memory of its own. */
#include <emscripten.h>
#include <sodium.h>

/* Argon2id13(pass, salt) -> out, exactly as crypto::derive_key calls it (the caller checked
 * the parameters: crypto::check_kdf_params). 0 ok, -1 failed (out of memory), -2 no libsodium. */
EMSCRIPTEN_KEEPALIVE int afterglow_pwhash(unsigned char* out, unsigned out_len, const char* pass, unsigned pass_len,
                                          const unsigned char* salt, unsigned opslimit, unsigned memlimit) {
    if (sodium_init() < 0) return -2;
    return crypto_pwhash(out, out_len, pass, pass_len, salt, opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13);
}

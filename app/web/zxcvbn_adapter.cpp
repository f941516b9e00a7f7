// The passphrase meter's estimator on the web: zxcvbn-c has no Debian source package, so
// ZxcvbnMatch (the API app/core/strength.cpp calls) is answered from the npm zxcvbn that
// boot.js loads (self.zxcvbn).
#include <emscripten.h>
#include <zxcvbn.h>

#include <cstdlib>
#include <cstring>
#include <string>

// The npm zxcvbn's reading of a passphrase as "begin,length,type,bits;" parts (UTF-8 byte
// offsets, zxcvbn-c's match types: 1 unrecognised, 2 a known word, 6 repeat, 7 sequence,
// 8 keyboard walk, 9 date), for app/core/strength.cpp, which costs the unrecognised runs
// itself. The npm estimator prices unrecognised characters cheaply, so it may swallow words
// into one run; such runs are split at spaces and each word is read again, as zxcvbn-c reads
// them. Before zxcvbn.js has loaded, the whole passphrase is one unrecognised run.
EM_JS(char*, web_zxcvbn_parts, (const char* password, const char* words), {
    var pw = UTF8ToString(password);
    var z = self['zxcvbn'];
    var out = [];
    var bytes = function(s) { return lengthBytesUTF8(s); };
    var types = { dictionary: 2, spatial: 8, repeat: 6, sequence: 7, regex: 9, date: 9 };
    var read = function(text, at, again) {
        z(text, again ? [] : UTF8ToString(words).split('\n')).sequence.forEach(function(m) {
            var start = at + bytes(text.slice(0, m.i));
            if (m.pattern !== 'bruteforce') {
                out.push([start, bytes(m.token), types[m.pattern] || 2, m.guesses_log10 * Math.LN10 / Math.LN2]);
                return;
            }
            var pieces = again ? [m.token] : m.token.split(/( +)/).filter(function(p) { return p.length; });
            var offset = 0;
            pieces.forEach(function(p) {
                if (pieces.length === 1 || /^ +$/.test(p)) out.push([start + offset, bytes(p), 1, 0]);
                else read(p, start + offset, true);
                offset += bytes(p);
            });
        });
    };
    if (typeof z === 'function') read(pw, 0, false);
    else out.push([0, bytes(pw), 1, 0]);
    var text = out.map(function(p) { return p.join(','); }).join(';');
    var n = lengthBytesUTF8(text) + 1;
    var buf = _malloc(n);
    stringToUTF8(text, buf, n);
    return buf;
});

// zxcvbn-c has no Debian source package: on the web, ZxcvbnMatch returns the npm zxcvbn's
// parts (above) in zxcvbn-c's shape, and app/core/strength.cpp scores them as on the desktop.
extern "C" double ZxcvbnMatch(const char* passwd, const char* user_dict[], ZxcMatch_t** info) {
    std::string words;
    for (int i = 0; user_dict && user_dict[i]; ++i) words += std::string(user_dict[i]) + "\n";
    char* text = web_zxcvbn_parts(passwd, words.c_str());
    ZxcMatch_t* head = nullptr;
    ZxcMatch_t** tail = &head;
    double total = 0;
    for (const char* p = text; *p;) {
        auto* m = new ZxcMatch_t{};
        char* end = nullptr;
        m->Begin = static_cast<int>(std::strtol(p, &end, 10));
        m->Length = static_cast<int>(std::strtol(end + 1, &end, 10));
        m->Type = static_cast<ZxcTypeMatch_t>(std::strtol(end + 1, &end, 10));
        m->Entrpy = m->MltEnpy = std::strtod(end + 1, &end);
        total += m->Entrpy;
        *tail = m;
        tail = &m->Next;
        p = *end == ';' ? end + 1 : end;
    }
    std::free(text);
    if (info) *info = head;
    else ZxcvbnFreeInfo(head);
    return total;
}

extern "C" void ZxcvbnFreeInfo(ZxcMatch_t* info) {
    while (info) {
        ZxcMatch_t* next = info->Next;
        delete info;
        info = next;
    }
}

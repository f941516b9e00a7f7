#include "journal/content/clinic_pack.hpp"

#include <algorithm>

#include "journal/content/builtin_lines.hpp"
#include "journal/content/documents.hpp"

namespace afterglow::journal::content {

Result<Pack> checked_clinic_pack(std::string_view json_text, std::string_view file_name) {
    auto p = apply_pack(default_pack(), json_text, file_name);
    if (!p) return p.error();
    auto changes = changed_builtin_lines(*p);
    if (changes.empty()) return p;
    std::string message = std::string(file_name) + " would replace or remove Afterglow's built-in "
                                                   "crisis lines, which a clinic pack may not do "
                                                   "(it may add its own lines beside them): ";
    for (std::size_t i = 0; i < changes.size(); ++i) message += (i ? "; " : "") + changes[i];
    return make_error(Errc::invalid_argument, message + ". Nothing was imported.", std::string(file_name));
}

ActivePack active_pack(const Vault& vault) {
    ActivePack a;
    a.pack = default_pack();
    if (const Document* d = detail::find_document(vault, DocumentKind::clinic_pack)) {
        auto p = apply_pack(a.pack, d->body, d->name);
        if (p) {
            a.pack = std::move(*p);
            a.imported_name = d->name;
            // A pack stored before this check: the built-in lines stay, and that is said.
            for (auto& change : changed_builtin_lines(a.pack))
                a.problems.push_back(d->name + " tried to change a crisis line (kept as shipped): " + change);
            restore_builtin_lines(a.pack);
        } else {
            a.problems.push_back(p.error().message);
        }
    }
    for (const auto& d : vault.documents()) {
        if (d.kind != DocumentKind::instrument) continue;
        auto ins = parse_questionnaire(d.body, d.name);
        if (!ins) {
            a.problems.push_back(ins.error().message);
            continue;
        }
        adopt_rules(*ins, a.pack.instruments);
        auto& list = a.pack.instruments;
        auto it = std::find_if(list.begin(), list.end(), [&](const Instrument& x) { return x.id == ins->id; });
        if (it != list.end()) *it = std::move(*ins);
        else list.push_back(std::move(*ins));
    }
    return a;
}

Result<Pack> import_pack(Vault& vault, std::string_view json_text, std::string_view file_name) {
    auto p = checked_clinic_pack(json_text, file_name);
    if (!p) return p.error();
    if (auto st = detail::put_document(vault, DocumentKind::clinic_pack, std::string(file_name),
                                       std::string(json_text));
        !st)
        return st.error();
    return p;
}

Status remove_imported_pack(Vault& vault) { return detail::remove_document(vault, DocumentKind::clinic_pack); }

Result<Instrument> import_instrument(Vault& vault, std::string_view json_text, std::string_view file_name) {
    auto ins = parse_questionnaire(json_text, file_name);
    if (!ins) return ins.error();
    // One stored copy per instrument id: the document's name is the id.
    if (auto st = detail::put_document(vault, DocumentKind::instrument, ins->id, std::string(json_text), true); !st)
        return st.error();
    adopt_rules(*ins, active_pack(vault).pack.instruments);
    return ins;
}

}  // namespace afterglow::journal::content

#include "app/wrap_editor.hpp"

#include <imgui_internal.h>

#include "app/core/emoji.hpp"
#include "app/input_queue.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace afterglow::app {
namespace {

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool pressed(ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), true); }
bool pressed_glfw(int key) { return ImGui::IsKeyPressed(key, true); }

struct Sel {
    TextPos a, b;
    bool empty() const { return a == b; }
};
// What the editor edits: a document with a caret and a selection anchor.
struct Buffer {
    TextDocument& doc;
    TextPos& caret;
    TextPos& anchor;
};
Sel selection(const Buffer& f) {
    return f.caret < f.anchor ? Sel{f.caret, f.anchor} : Sel{f.anchor, f.caret};
}

void replace_selection(Buffer& f, std::string_view text) {
    const Sel s = selection(f);
    if (!s.empty()) f.doc.erase(s.a, s.b);
    f.caret = f.doc.insert(s.a, text);
    f.anchor = f.caret;
}


bool edit(const char* id, Buffer f, WrapEditorState& st, const ImVec2& size, const char* placeholder);

}  // namespace

bool wrap_editor(const char* id, EditorForm& form, WrapEditorState& state, const ImVec2& size, const char* placeholder) {
    const bool changed = edit(id, Buffer{form.doc, form.caret, form.anchor}, state, size, placeholder);
    if (changed) form.dirty = true;
    return changed;
}

bool wrap_editor(const char* id, TextField& field, WrapEditorState& state, const ImVec2& size, const char* placeholder) {
    const bool changed = edit(id, Buffer{field.doc, field.caret, field.anchor}, state, size, placeholder);
    if (changed) field.dirty = true;
    return changed;
}

void editor_insert(EditorForm& form, WrapEditorState& state, std::string_view text) {
    form.doc.break_coalescing();
    Buffer b{form.doc, form.caret, form.anchor};
    replace_selection(b, text);
    form.doc.break_coalescing();
    state.scroll_to_caret = true;
    state.focused = true;
    form.dirty = true;
}

namespace {

bool edit(const char* id, Buffer f, WrapEditorState& st, const ImVec2& size, const char* placeholder) {
    ImGuiIO& io = ImGui::GetIO();
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    const float scale = fs / font->FontSize;
    // An emoji beyond U+FFFF is drawn from its slot in the emoji font (app/core/emoji.hpp).
    const AdvanceFn adv = [font, scale](std::uint32_t cp) {
        return font->GetCharAdvance(static_cast<ImWchar>(cp > 0xFFFF ? emoji_slot(cp).value_or(0xFFFD) : cp)) * scale;
    };
    auto width_of = [&adv](std::string_view t) {
        float w = 0;
        for (std::size_t i = 0; i < t.size();) w += adv(decode_utf8(t, i));
        return w;
    };
    const float line_h = std::round(fs * 1.55f);
    bool changed = false;

    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs * 1.0f, fs * 0.8f));
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoNav |
                                              ImGuiWindowFlags_AlwaysUseWindowPadding);
    const float wrap_w = std::max(fs * 4, ImGui::GetContentRegionAvail().x);
    st.layout.update(f.doc, wrap_w, adv);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float view_h = ImGui::GetWindowHeight();
    const bool hovered = ImGui::IsWindowHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);

    auto pos_from_mouse = [&]() {
        const ImVec2 m = io.MousePos;
        const float ly = std::max(0.0f, (m.y - origin.y) / line_h);
        return st.layout.pos_at(f.doc, static_cast<std::size_t>(ly), m.x - origin.x, adv);
    };

    // ---- mouse ----
    if (ImGui::IsMouseClicked(0)) {
        if (hovered && io.MousePos.x < ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize) {
            st.focused = true;
            f.caret = pos_from_mouse();
            if (!io.KeyShift) f.anchor = f.caret;
            st.dragging = true;
            st.preferred_x = -1;
            f.doc.break_coalescing();
            if (ImGui::IsMouseDoubleClicked(0)) {
                f.anchor = f.doc.prev_word(f.doc.next_char(f.caret));
                f.caret = f.doc.next_word(f.anchor);
            }
        } else if (!hovered) {
            st.focused = false;
        }
    }
    if (st.dragging) {
        if (ImGui::IsMouseDown(0)) f.caret = pos_from_mouse();
        else st.dragging = false;
    }

    // A focused editor is a text field to the platform as much as an InputText: the phone
    // keeps its keyboard open, typed spaces stay characters (io.WantTextInput next frame).
    if (st.focused) GImGui->WantTextInputNextFrame = 1;

    // ---- keyboard ----
    if (st.focused && !ImGui::IsAnyItemActive()) {
        const bool shift = io.KeyShift, ctrl = io.KeyCtrl;
        auto move = [&](TextPos p, bool keep_x = false) {
            f.caret = f.doc.clamp(p);
            if (!shift) f.anchor = f.caret;
            if (!keep_x) st.preferred_x = -1;
            st.scroll_to_caret = true;
            f.doc.break_coalescing();
        };
        const Sel sel = selection(f);
        auto vertical = [&](long delta) {
            if (st.preferred_x < 0) st.preferred_x = st.layout.x_of(f.doc, f.caret, adv);
            const long line = static_cast<long>(st.layout.line_of(f.doc, f.caret)) + delta;
            const long clamped = std::clamp(line, 0L, static_cast<long>(st.layout.line_count()) - 1);
            move(st.layout.pos_at(f.doc, static_cast<std::size_t>(clamped), st.preferred_x, adv), true);
        };
        if (pressed(ImGuiKey_LeftArrow)) {
            if (!shift && !sel.empty()) move(sel.a);
            else move(ctrl ? f.doc.prev_word(f.caret) : f.doc.prev_char(f.caret));
        } else if (pressed(ImGuiKey_RightArrow)) {
            if (!shift && !sel.empty()) move(sel.b);
            else move(ctrl ? f.doc.next_word(f.caret) : f.doc.next_char(f.caret));
        } else if (pressed(ImGuiKey_UpArrow)) {
            vertical(-1);
        } else if (pressed(ImGuiKey_DownArrow)) {
            vertical(1);
        } else if (pressed(ImGuiKey_PageUp)) {
            vertical(-static_cast<long>(view_h / line_h));
        } else if (pressed(ImGuiKey_PageDown)) {
            vertical(static_cast<long>(view_h / line_h));
        } else if (pressed(ImGuiKey_Home)) {
            if (ctrl) move({0, 0});
            else move({f.caret.para, st.layout.line(f.doc, st.layout.line_of(f.doc, f.caret)).begin});
        } else if (pressed(ImGuiKey_End)) {
            if (ctrl) move(f.doc.end());
            else {
                const VisualLine v = st.layout.line(f.doc, st.layout.line_of(f.doc, f.caret));
                const bool last = v.end == f.doc.paragraph(v.para).text.size();
                move(last ? TextPos{v.para, v.end} : f.doc.prev_char({v.para, v.end}));
            }
        } else if (pressed(ImGuiKey_Backspace)) {
            if (!sel.empty()) f.doc.erase(sel.a, sel.b), f.caret = f.anchor = sel.a;
            else {
                const TextPos from = ctrl ? f.doc.prev_word(f.caret) : f.doc.prev_char(f.caret);
                f.doc.erase(from, f.caret);
                f.caret = f.anchor = from;
            }
            changed = true;
        } else if (pressed(ImGuiKey_Delete)) {
            if (!sel.empty()) f.doc.erase(sel.a, sel.b), f.caret = f.anchor = sel.a;
            else f.doc.erase(f.caret, ctrl ? f.doc.next_word(f.caret) : f.doc.next_char(f.caret));
            changed = true;
        } else if (!ctrl && (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter))) {
            replace_selection(f, "\n");  // Ctrl+Enter belongs to the screen (the next step)
            changed = true;
        } else if (ctrl && pressed(ImGuiKey_A)) {
            f.anchor = {0, 0};
            f.caret = f.doc.end();
        } else if (ctrl && (pressed(ImGuiKey_Y) || (shift && pressed(ImGuiKey_Z)))) {
            if (f.doc.redo(f.caret)) f.anchor = f.caret, changed = true;
        } else if (ctrl && pressed(ImGuiKey_Z)) {
            if (f.doc.undo(f.caret)) f.anchor = f.caret, changed = true;
        } else if (ctrl && (pressed(ImGuiKey_C) || pressed(ImGuiKey_X))) {
            if (!sel.empty()) {
                const std::string text = f.doc.slice(sel.a, sel.b);
                ImGui::SetClipboardText(text.c_str());
                if (pressed(ImGuiKey_X)) f.doc.erase(sel.a, sel.b), f.caret = f.anchor = sel.a, changed = true;
            }
        } else if (ctrl && pressed(ImGuiKey_V)) {
            if (const char* clip = ImGui::GetClipboardText()) {
                f.doc.break_coalescing();
                replace_selection(f, clip);
                f.doc.break_coalescing();
                changed = true;
            }
        }
        (void)pressed_glfw;
        if (!io.InputQueueCharacters.empty() && !ctrl) {
            // The exact text when the input queue has it (emoji beyond 16-bit characters),
            // else Dear ImGui's characters; control characters are not text.
            std::string typed;
            const std::string_view exact = text_this_frame();
            if (!exact.empty())
                for (char c : exact) {
                    if (static_cast<unsigned char>(c) >= 32 && c != 127) typed += c;
                }
            else
                for (ImWchar c : io.InputQueueCharacters)
                    if (c >= 32 && c != 127) append_utf8(typed, c);
            io.InputQueueCharacters.resize(0);
            if (!typed.empty()) {
                replace_selection(f, typed);
                changed = true;
            }
        }
        if (changed) {
            st.scroll_to_caret = true;
            st.preferred_x = -1;
            st.layout.update(f.doc, wrap_w, adv);
        }
    }

    // ---- scroll to the caret ----
    const std::size_t lines = std::max<std::size_t>(1, st.layout.line_count());
    const std::size_t caret_line = st.layout.line_of(f.doc, f.caret);
    if (st.scroll_to_caret) {
        const float y = caret_line * line_h;
        const float top = ImGui::GetScrollY();
        const float inner_h = view_h - 2 * ImGui::GetStyle().WindowPadding.y;
        if (y < top) ImGui::SetScrollY(y);
        else if (y + line_h > top + inner_h) ImGui::SetScrollY(y + line_h - inner_h);
        st.scroll_to_caret = false;
    }

    // ---- draw only the visible lines ----
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 sel_col = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
    const float scroll = ImGui::GetScrollY();
    const std::size_t first = static_cast<std::size_t>(std::max(0.0f, scroll / line_h));
    const std::size_t last = std::min(lines, first + static_cast<std::size_t>(view_h / line_h) + 2);
    const Sel sel = selection(f);
    const float text_dy = (line_h - fs) * 0.5f;
    if (f.doc.empty() && placeholder)
        dl->AddText(font, fs, ImVec2(origin.x, origin.y + text_dy), ImGui::GetColorU32(ImGuiCol_TextDisabled), placeholder);
    int missing = 0;
    for (std::size_t i = first; i < last && i < st.layout.line_count(); ++i) {
        const VisualLine v = st.layout.line(f.doc, i);
        const std::string& t = f.doc.paragraph(v.para).text;
        const float y = origin.y + i * line_h;
        if (!sel.empty() && TextPos{v.para, v.end} >= sel.a && TextPos{v.para, v.begin} <= sel.b) {
            const std::size_t s0 = sel.a.para == v.para ? std::max(v.begin, sel.a.off) : v.begin;
            const std::size_t s1 = sel.b.para == v.para ? std::min(v.end, sel.b.off) : v.end;
            const bool to_eol = sel.b.para > v.para && v.end == t.size();
            if (s0 <= s1 && (s0 < s1 || to_eol) && !(sel.a.para == v.para && sel.a.off > v.end) ) {
                const float x0 = width_of(std::string_view(t).substr(v.begin, s0 - v.begin));
                float x1 = width_of(std::string_view(t).substr(v.begin, s1 - v.begin));
                if (to_eol) x1 += fs * 0.4f;
                dl->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + line_h), sel_col);
            }
        }
        const std::string_view line = std::string_view(t).substr(v.begin, v.end - v.begin);
        for (std::size_t k = 0; k < line.size();) {
            const std::uint32_t cp = decode_utf8(line, k);
            const auto drawn = cp > 0xFFFF ? emoji_slot(cp) : std::optional<std::uint16_t>(static_cast<std::uint16_t>(cp));
            if (cp >= 0x20 && (!drawn || !font->FindGlyphNoFallback(static_cast<ImWchar>(*drawn)))) ++missing;
        }
        if (has_astral(line)) {
            const std::string shown = emoji_for_drawing(line);
            dl->AddText(font, fs, ImVec2(origin.x, y + text_dy), text_col, shown.data(), shown.data() + shown.size());
        } else if (!line.empty()) {
            dl->AddText(font, fs, ImVec2(origin.x, y + text_dy), text_col, line.data(), line.data() + line.size());
        }
    }
    if (st.focused) {
        const float cx = origin.x + st.layout.x_of(f.doc, f.caret, adv);
        const float cy = origin.y + caret_line * line_h;
        dl->AddRectFilled(ImVec2(cx, cy + fs * 0.15f), ImVec2(cx + std::max(1.0f, fs * 0.08f), cy + line_h - fs * 0.15f),
                          ImGui::GetColorU32(ImGuiCol_CheckMark));
    }
    st.missing_glyphs = missing;
    ImGui::Dummy(ImVec2(wrap_w, lines * line_h + fs));
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    return changed;
}

}  // namespace

}  // namespace afterglow::app

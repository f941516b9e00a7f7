// A word-wrapped multi-line text editor widget (Dear ImGui 1.86's InputTextMultiline does
// not wrap). Layout is incremental (app/core/wrap_layout) and only visible lines are drawn,
// so typing stays smooth in a 20,000-word entry.
#pragma once

#include <imgui.h>

#include "app/core/forms.hpp"
#include "app/core/wrap_layout.hpp"

namespace afterglow::app {

struct WrapEditorState {
    WrapLayout layout;
    bool focused = true;
    bool dragging = false;
    bool scroll_to_caret = true;
    float preferred_x = -1;
    std::uint64_t layout_doc = 0;  // structure revision seen (debug)
    int missing_glyphs = 0;  // characters on the visible lines the fonts cannot draw (a test hook)
};

// Returns true when the text changed this frame.
bool wrap_editor(const char* id, EditorForm& form, WrapEditorState& state, const ImVec2& size,
                 const char* placeholder);
bool wrap_editor(const char* id, TextField& field, WrapEditorState& state, const ImVec2& size,
                 const char* placeholder);

// Inserts text at the caret (replacing a selection), as the prompts panel does.
void editor_insert(EditorForm& form, WrapEditorState& state, std::string_view text);

}  // namespace afterglow::app

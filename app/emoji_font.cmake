# Afterglow's emoji font (app/core/emoji.hpp): Symbola's emoji (Debian fonts-symbola) moved to
# the Private Use Area by scripts/emoji-font.py with Debian's python3-fonttools, into
# ${AFTERGLOW_EMOJI_FONT}, made by the target afterglow_emoji_font. Included by app/CMakeLists.txt
# (the desktop's assets) and app/web.cmake (preloaded into the site). Without the package or
# python module the app draws emoji as a replacement box, as before: a warning, not an error.
set(_emoji_src /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf)
set(AFTERGLOW_EMOJI_FONT ${CMAKE_CURRENT_BINARY_DIR}/assets/fonts/AfterglowEmoji.ttf)
set(_emoji_py /usr/bin/python3)  # Debian's, which has python3-fonttools (not a pyenv's)
execute_process(COMMAND ${_emoji_py} -c "import fontTools" RESULT_VARIABLE _emoji_py_rc OUTPUT_QUIET ERROR_QUIET)
if(EXISTS ${_emoji_src} AND _emoji_py_rc EQUAL 0)
  add_custom_command(OUTPUT ${AFTERGLOW_EMOJI_FONT}
    COMMAND ${_emoji_py} ${PROJECT_SOURCE_DIR}/scripts/emoji-font.py ${_emoji_src}
            ${CMAKE_CURRENT_SOURCE_DIR}/core/emoji.hpp ${AFTERGLOW_EMOJI_FONT}
    DEPENDS ${_emoji_src} ${PROJECT_SOURCE_DIR}/scripts/emoji-font.py ${CMAKE_CURRENT_SOURCE_DIR}/core/emoji.hpp
    COMMENT "Making the emoji font")
  add_custom_target(afterglow_emoji_font DEPENDS ${AFTERGLOW_EMOJI_FONT})
else()
  message(WARNING "No emoji font: install fonts-symbola and python3-fonttools (scripts/setup.sh)")
  add_custom_target(afterglow_emoji_font)
  set(AFTERGLOW_EMOJI_FONT "")
endif()

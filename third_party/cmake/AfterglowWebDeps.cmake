# The web build's dependencies: built for WebAssembly from Debian source packages by
# scripts/web-deps.sh into AFTERGLOW_WEB_DEPS (build-web/deps). Same target names as the
# desktop glue (AfterglowDeps.cmake), so crypto/, journal/ and app/ link them unchanged.
set(AFTERGLOW_WEB_DEPS "${PROJECT_SOURCE_DIR}/build-web/deps" CACHE PATH "wasm dependencies (scripts/web-deps.sh)")
if(NOT EXISTS "${AFTERGLOW_WEB_DEPS}/lib/libsodium.a")
  message(FATAL_ERROR "No wasm dependencies in ${AFTERGLOW_WEB_DEPS}: run scripts/build-web.sh")
endif()
set(_d "${AFTERGLOW_WEB_DEPS}")
set(_pthread -pthread)

# Threads: every object of a threaded wasm build needs -pthread (shared memory).
add_compile_options(-pthread -fexceptions
  "SHELL:-include ${PROJECT_SOURCE_DIR}/web/include/afterglow_web_compat.hpp")
add_link_options(-pthread -fexceptions)
find_package(Threads REQUIRED)

function(_afterglow_web_lib name lib)
  add_library(${name} STATIC IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES IMPORTED_LOCATION "${_d}/lib/${lib}"
                        INTERFACE_INCLUDE_DIRECTORIES "${_d}/include")
endfunction()

_afterglow_web_lib(PkgConfig::SODIUM libsodium.a)
_afterglow_web_lib(afterglow_web_sqlite3 libsqlite3.a)
_afterglow_web_lib(SQLiteCpp libSQLiteCpp.a)
set_property(TARGET SQLiteCpp APPEND PROPERTY INTERFACE_LINK_LIBRARIES afterglow_web_sqlite3)
_afterglow_web_lib(Freetype::Freetype libfreetype.a)
set_property(TARGET Freetype::Freetype APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${_d}/include/freetype2")
_afterglow_web_lib(PkgConfig::IMGUI libimgui.a)
set_target_properties(PkgConfig::IMGUI PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_d}/include/imgui"
                      INTERFACE_COMPILE_DEFINITIONS IMGUI_IMPL_OPENGL_ES3)
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED GLOBAL)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_d}/include")
# Emscripten's own GLFW 3 and WebGL 2 (linker flags only).
add_library(glfw INTERFACE IMPORTED GLOBAL)
set_target_properties(glfw PROPERTIES INTERFACE_LINK_OPTIONS "-sUSE_GLFW=3;-sMIN_WEBGL_VERSION=2;-sMAX_WEBGL_VERSION=2")
add_library(OpenGL::GL INTERFACE IMPORTED GLOBAL)
# zxcvbn-c has no Debian source package: the web platform file implements ZxcvbnMatch over
# the npm zxcvbn estimator (web/README in docs/web.md); its header is ours.
add_library(zxcvbn INTERFACE IMPORTED GLOBAL)
set_target_properties(zxcvbn PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${PROJECT_SOURCE_DIR}/web/include")
# PDF (cairo + pango) is not built for the browser: journal/export then builds without its
# PDF writer (pdf_unavailable.cpp).

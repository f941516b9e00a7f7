# The browser build of the app (included from app/CMakeLists.txt under emcmake): the same
# screens and core, platform_web.cpp instead of platform.cpp. scripts/build-web.sh turns the
# output (afterglow.js/.wasm/.data/.worker.js) into the site in build-web/site/.
# The screens, shell and core compile once (an OBJECT library); only platform_web.cpp is
# compiled twice: `afterglow` (the release site: hooks ignored, app/afterglow.js) and
# `afterglow_test` (honours ?test-hooks=1, ?insecure-test-kdf=1, ?test-autolock-seconds=N;
# app/test/afterglow.js). Both link in the same build dir (scripts/build-web.sh --test).
list(FILTER AFTERGLOW_APP_SOURCES EXCLUDE REGEX "/platform_web\\.cpp$")
# app/web/: the page bridge (every EM_JS call) and the zxcvbn adapter; web only.
file(GLOB AFTERGLOW_WEB_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/*.cpp)
add_library(afterglow_web_app OBJECT ${AFTERGLOW_APP_SOURCES} ${AFTERGLOW_WEB_SOURCES})
target_include_directories(afterglow_web_app PUBLIC ${PROJECT_SOURCE_DIR}/web/include)
target_link_libraries(afterglow_web_app PUBLIC afterglow_app_core PkgConfig::IMGUI Freetype::Freetype glfw
                      Threads::Threads afterglow_warnings)
target_compile_definitions(afterglow_web_app PUBLIC AFTERGLOW_ASSETS_DIR="/assets")
add_executable(afterglow ${CMAKE_CURRENT_SOURCE_DIR}/platform_web.cpp)
add_executable(afterglow_test ${CMAKE_CURRENT_SOURCE_DIR}/platform_web.cpp)
target_compile_definitions(afterglow PRIVATE AFTERGLOW_WEB_TEST_HOOKS=0)
target_compile_definitions(afterglow_test PRIVATE AFTERGLOW_WEB_TEST_HOOKS=1)
set(_preload)
foreach(f ${AFTERGLOW_FONT_FILES})  # app/CMakeLists.txt: without CJK (19.5 MB) on the web
  get_filename_component(n ${f} NAME)
  list(APPEND _preload "SHELL:--preload-file ${f}@/assets/fonts/${n}")
endforeach()
include(${CMAKE_CURRENT_SOURCE_DIR}/emoji_font.cmake)
if(AFTERGLOW_EMOJI_FONT)
  list(APPEND _preload "SHELL:--preload-file ${AFTERGLOW_EMOJI_FONT}@/assets/fonts/AfterglowEmoji.ttf")
endif()
set(_web ${PROJECT_SOURCE_DIR}/web)
foreach(t afterglow afterglow_test)
  target_link_libraries(${t} PRIVATE afterglow_web_app)
  target_link_options(${t} PRIVATE
    -O2 -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=2GB
    -sPTHREAD_POOL_SIZE=5 -sFORCE_FILESYSTEM=1 -sMINIFY_HTML=0
    "-sEXPORTED_RUNTIME_METHODS=['FS','ccall','UTF8ToString','stringToUTF8','lengthBytesUTF8']"
    "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']"
    "SHELL:--pre-js ${_web}/sodium_random.js" "SHELL:--pre-js ${_web}/chunk_store.js" "SHELL:--pre-js ${_web}/pre.js" ${_preload})
  set_property(TARGET ${t} APPEND PROPERTY LINK_DEPENDS "${_web}/pre.js;${_web}/chunk_store.js;${_web}/sodium_random.js")
  add_dependencies(${t} afterglow_emoji_font)
  set_target_properties(${t} PROPERTIES SUFFIX .js OUTPUT_NAME afterglow)
endforeach()
set_target_properties(afterglow PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_target_properties(afterglow_test PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/test)

# The key derivation's own module (app/web/kdf/pwhash.c -> app/kdf/afterglow_kdf.js/.wasm):
# libsodium's crypto_pwhash in unshared memory of its own, run by web/kdf_worker.js in a worker
# that ends after each derivation (app/web/kdf_worker.cpp). Linked by emcc directly: the
# build's global -pthread would give it shared memory and thread glue it never uses.
set(_kdf_out ${CMAKE_CURRENT_BINARY_DIR}/kdf)
add_custom_command(OUTPUT ${_kdf_out}/afterglow_kdf.js ${_kdf_out}/afterglow_kdf.wasm
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_kdf_out}
  COMMAND ${CMAKE_C_COMPILER} -O2 -Wall -Wextra -Werror ${CMAKE_CURRENT_SOURCE_DIR}/web/kdf/pwhash.c
          -I${AFTERGLOW_WEB_DEPS}/include ${AFTERGLOW_WEB_DEPS}/lib/libsodium.a -o ${_kdf_out}/afterglow_kdf.js
          -sMODULARIZE=1 -sEXPORT_NAME=AfterglowKdf -sENVIRONMENT=worker -sFILESYSTEM=0
          -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB "-sEXPORTED_FUNCTIONS=['_malloc','_free']"
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/kdf/pwhash.c ${AFTERGLOW_WEB_DEPS}/lib/libsodium.a
  COMMENT "Linking the key derivation module afterglow_kdf.js" VERBATIM)
add_custom_target(afterglow_kdf DEPENDS ${_kdf_out}/afterglow_kdf.js)
add_dependencies(afterglow afterglow_kdf)
add_dependencies(afterglow_test afterglow_kdf)

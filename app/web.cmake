# The browser build of the app (included from app/CMakeLists.txt under emcmake): the same
# screens and core, platform_web.cpp instead of platform.cpp. scripts/build-web.sh turns the
# output (afterglow.js/.wasm/.data/.worker.js) into the site in build-web/site/.
option(AFTERGLOW_WEB_TEST_HOOKS "Honour ?test-hooks=1 and ?insecure-test-kdf=1 (the --test site)" OFF)
add_executable(afterglow ${AFTERGLOW_APP_SOURCES} ${CMAKE_CURRENT_SOURCE_DIR}/platform_web.cpp)
target_include_directories(afterglow PRIVATE ${PROJECT_SOURCE_DIR}/web/include)
target_link_libraries(afterglow PRIVATE afterglow_app_core PkgConfig::IMGUI Freetype::Freetype glfw
                      Threads::Threads afterglow_warnings)
target_compile_definitions(afterglow PRIVATE AFTERGLOW_ASSETS_DIR="/assets"
                           AFTERGLOW_WEB_TEST_HOOKS=$<BOOL:${AFTERGLOW_WEB_TEST_HOOKS}>)
set(_fonts
  /usr/share/fonts/opentype/inter/Inter-Regular.otf
  /usr/share/fonts/opentype/inter/Inter-SemiBold.otf
  /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
  /usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf
  /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)  # CJK (19.5 MB) is left out on the web
set(_preload)
foreach(f ${_fonts})
  get_filename_component(n ${f} NAME)
  list(APPEND _preload "SHELL:--preload-file ${f}@/assets/fonts/${n}")
endforeach()
set(_web ${PROJECT_SOURCE_DIR}/web)
target_link_options(afterglow PRIVATE
  -O2 -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=512MB -sMAXIMUM_MEMORY=2GB
  -sPTHREAD_POOL_SIZE=4 -sFORCE_FILESYSTEM=1 -lidbfs.js -sMINIFY_HTML=0
  "-sEXPORTED_RUNTIME_METHODS=['FS','IDBFS','ccall','UTF8ToString','stringToUTF8','lengthBytesUTF8']"
  "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']"
  "SHELL:--pre-js ${_web}/pre.js" ${_preload})
set_property(TARGET afterglow APPEND PROPERTY LINK_DEPENDS ${_web}/pre.js)
set_target_properties(afterglow PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} SUFFIX .js)

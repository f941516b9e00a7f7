# bench/web.sh's WebAssembly build (emcmake cmake -DAFTERGLOW_WEB_BENCH=ON
# -DAFTERGLOW_BUILD_APP=OFF): bench_unlock_search with the web app's runtime settings
# (app/web.cmake: -O2, threads (a pool of 4: the app has one more, for its font atlas), memory
# growing from 64 MB), loaded by
# bench/web/index.html in headless Chromium (bench/web/run.mjs).
add_executable(bench_unlock_search ${CMAKE_CURRENT_SOURCE_DIR}/unlock_search.cpp)
target_link_libraries(bench_unlock_search PRIVATE afterglow_journal afterglow_warnings)
target_link_options(bench_unlock_search PRIVATE
  -O2 -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=2GB
  -sPTHREAD_POOL_SIZE=4 -sEXIT_RUNTIME=0 "SHELL:--pre-js ${PROJECT_SOURCE_DIR}/web/sodium_random.js")
set_property(TARGET bench_unlock_search APPEND PROPERTY LINK_DEPENDS ${PROJECT_SOURCE_DIR}/web/sodium_random.js)
set_target_properties(bench_unlock_search PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} SUFFIX .js)

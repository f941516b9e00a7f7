# The journal's browser storage (web/chunk_store.js): flushes write the chunks that changed, a
# kill mid-flush leaves the last committed state whole, IDBFS storage migrates. Included by
# tests/web/CMakeLists.txt (which defines _site, _art and AFTERGLOW_NODE); both need
# afterglow-cli (verify; a desktop-made vault).
foreach(_t chunks migrate)
  add_test(NAME web_storage_${_t}
           COMMAND ${AFTERGLOW_NODE} ${CMAKE_CURRENT_LIST_DIR}/${_t}.mjs ${_site} ${_art}/storage_${_t} $<TARGET_FILE:afterglow-cli>)
  set_tests_properties(web_storage_${_t} PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
endforeach()

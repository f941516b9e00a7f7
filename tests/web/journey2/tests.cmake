# The journey's second pass on a phone (issue 22): crisis numbers that a tap calls (tel:/sms:
# links through the page), questionnaires with touch-sized answers and no answer shaded before
# the patient picks one. Included by tests/web/CMakeLists.txt (defines _site, _art,
# AFTERGLOW_NODE). A missing site or browser: SKIPPED (77), FAIL under CI=true.
add_test(NAME web_journey2 COMMAND ${AFTERGLOW_NODE} ${CMAKE_CURRENT_LIST_DIR}/journey2.mjs ${_site} ${_art}/journey2)
set_tests_properties(web_journey2 PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)

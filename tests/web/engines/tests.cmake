# The core journey (create, write with real key events, save, reopen, unlock, search, offline
# start) in the two engines besides Chromium: Firefox ESR over WebDriver BiDi (firefox.mjs)
# and WebKitGTK's MiniBrowser through WebKitWebDriver under Xvfb (webkit.mjs). Included by
# tests/web/CMakeLists.txt, which defines _site, _art and AFTERGLOW_NODE. A missing browser,
# driver or site: SKIPPED (77), FAIL under CI=true.
foreach(_engine firefox webkit)
  add_test(NAME web_${_engine}_journey
           COMMAND ${AFTERGLOW_NODE} ${CMAKE_CURRENT_LIST_DIR}/${_engine}.mjs ${_site} ${_art}/${_engine}_journey)
  # A browser with a software-rendered WebGL canvas takes a core: one browser test at a time.
  set_tests_properties(web_${_engine}_journey PROPERTIES TIMEOUT 420 SKIP_RETURN_CODE 77)
endforeach()

# WebDAV sync from the phone (issue 20): the web app in headless Chromium and afterglow-cli
# through a real Apache + mod_dav with CORS, which the test starts on 127.0.0.1 itself
# (tests/sync/apache/). Included by tests/web/CMakeLists.txt (defines _site, _art,
# AFTERGLOW_NODE). A missing site, browser or apache2: SKIPPED (77), FAIL under CI=true.
add_test(NAME web_sync_webdav COMMAND ${AFTERGLOW_NODE} ${CMAKE_CURRENT_LIST_DIR}/sync.mjs ${_site} ${_art}/sync
         $<TARGET_FILE:afterglow-cli>)
set_tests_properties(web_sync_webdav PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
                     LABELS "web;sync")
# The phone joins the CLI's journal from its first run (empty folder, wrong passphrase, the
# entries exact, one back to the CLI): tests/web/sync/join.mjs.
add_test(NAME web_sync_join COMMAND ${AFTERGLOW_NODE} ${CMAKE_CURRENT_LIST_DIR}/join.mjs ${_site} ${_art}/sync-join
         $<TARGET_FILE:afterglow-cli>)
set_tests_properties(web_sync_join PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
                     LABELS "web;sync")
# Uploads cut short on the phone: Apache killed mid-upload, and a lock during an upload that
# does not end (tests/web/sync/interrupted.mjs, with the proxy of hold_proxy.mjs).
add_test(NAME web_sync_interrupted COMMAND ${AFTERGLOW_NODE} ${CMAKE_CURRENT_LIST_DIR}/interrupted.mjs ${_site}
         ${_art}/sync-interrupted $<TARGET_FILE:afterglow-cli>)
set_tests_properties(web_sync_interrupted PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
                     LABELS "web;sync")

# Passkey unlock in Chromium's WebAuthn virtual authenticator (issue 21).
add_test(NAME web_passkey COMMAND ${AFTERGLOW_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/passkey/passkey.mjs ${_site}
         ${_art}/passkey $<TARGET_FILE:afterglow-cli>)
set_tests_properties(web_passkey PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)

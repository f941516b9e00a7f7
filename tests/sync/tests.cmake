# Sync tests that are not doctest cases (included by tests/CMakeLists.txt when afterglow_sync
# exists). Each starts the real tool it needs; a missing tool exits 77 (skipped), or fails
# under CI=true.
add_test(NAME sync_syncthing
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/sync/syncthing.py $<TARGET_FILE:afterglow-cli>)
set_tests_properties(sync_syncthing PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)

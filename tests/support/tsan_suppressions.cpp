// ThreadSanitizer's suppressions for mesh_tsan_tests, built in so that every way of running the
// tests (ctest, the binary alone) has them.
//
// Debian's cpp-httplib is a compiled library (libcpp-httplib.so), not instrumented: its server
// threads (the test fakes' thread pools) hand requests to each other in code TSan cannot see, and
// it reports their memory as raced. mesh's own code never runs in that library (mesh is a libcurl
// client), so a race with a frame there is the fakes' and nothing of mesh's is hidden.

extern "C" const char* __tsan_default_suppressions() { return "race:libcpp-httplib.so\n"; }

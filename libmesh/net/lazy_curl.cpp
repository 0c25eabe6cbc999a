// The libcurl functions mesh calls, loaded from libcurl.so.4 on first use. Linking libcurl put it
// and the 25 libraries it needs (GnuTLS, Kerberos, LDAP, ...) into every start of mesh, a third of
// the instructions `mesh inject -f small.yaml` ran; only commands that fetch need them.
// The varargs of *_setopt are passed on by option type, as libcurl itself reads them.

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>

namespace {

// The loaded library, or nullptr when it cannot be loaded (then calls fail as libcurl reports a
// failed initialisation).
void* library() {
    static void* handle = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    return handle;
}

template <class F> F function(const char* name) {
    void* lib = library();
    return lib ? reinterpret_cast<F>(::dlsym(lib, name)) : nullptr;
}

#define MESH_CURL_FUNCTION(name) static const auto real = function<decltype(&::name)>(#name)

}  // namespace

extern "C" {

CURLcode curl_global_init(long flags) {
    MESH_CURL_FUNCTION(curl_global_init);
    return real ? real(flags) : CURLE_FAILED_INIT;
}

CURL* curl_easy_init() {
    MESH_CURL_FUNCTION(curl_easy_init);
    return real ? real() : nullptr;
}

void curl_easy_cleanup(CURL* handle) {
    MESH_CURL_FUNCTION(curl_easy_cleanup);
    if (real) real(handle);
}

CURLcode curl_easy_perform(CURL* handle) {
    MESH_CURL_FUNCTION(curl_easy_perform);
    return real ? real(handle) : CURLE_FAILED_INIT;
}

CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
    MESH_CURL_FUNCTION(curl_easy_setopt);
    va_list args;
    va_start(args, option);
    CURLcode rc = CURLE_FAILED_INIT;
    if (real) {
        if (option < CURLOPTTYPE_OBJECTPOINT)
            rc = real(handle, option, va_arg(args, long));
        else if (option < CURLOPTTYPE_FUNCTIONPOINT || option >= CURLOPTTYPE_BLOB)
            rc = real(handle, option, va_arg(args, void*));
        else if (option < CURLOPTTYPE_OFF_T)
            rc = real(handle, option, va_arg(args, void (*)()));
        else
            rc = real(handle, option, va_arg(args, curl_off_t));
    }
    va_end(args);
    return rc;
}

CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
    MESH_CURL_FUNCTION(curl_easy_getinfo);
    va_list args;
    va_start(args, info);
    void* out = va_arg(args, void*);  // every CURLINFO_* takes a pointer
    va_end(args);
    return real ? real(handle, info, out) : CURLE_FAILED_INIT;
}

const char* curl_easy_strerror(CURLcode code) {
    MESH_CURL_FUNCTION(curl_easy_strerror);
    return real ? real(code) : "libcurl (libcurl.so.4) could not be loaded";
}

curl_slist* curl_slist_append(curl_slist* list, const char* text) {
    MESH_CURL_FUNCTION(curl_slist_append);
    return real ? real(list, text) : nullptr;
}

void curl_slist_free_all(curl_slist* list) {
    MESH_CURL_FUNCTION(curl_slist_free_all);
    if (real) real(list);
}

CURLM* curl_multi_init() {
    MESH_CURL_FUNCTION(curl_multi_init);
    return real ? real() : nullptr;
}

CURLMcode curl_multi_cleanup(CURLM* multi) {
    MESH_CURL_FUNCTION(curl_multi_cleanup);
    return real ? real(multi) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_add_handle(CURLM* multi, CURL* handle) {
    MESH_CURL_FUNCTION(curl_multi_add_handle);
    return real ? real(multi, handle) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* handle) {
    MESH_CURL_FUNCTION(curl_multi_remove_handle);
    return real ? real(multi, handle) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_perform(CURLM* multi, int* running) {
    MESH_CURL_FUNCTION(curl_multi_perform);
    return real ? real(multi, running) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_poll(CURLM* multi, curl_waitfd extra[], unsigned int extra_count, int timeout_ms, int* ready) {
    MESH_CURL_FUNCTION(curl_multi_poll);
    return real ? real(multi, extra, extra_count, timeout_ms, ready) : CURLM_BAD_HANDLE;
}

CURLMsg* curl_multi_info_read(CURLM* multi, int* left) {
    MESH_CURL_FUNCTION(curl_multi_info_read);
    return real ? real(multi, left) : nullptr;
}

CURLMcode curl_multi_setopt(CURLM* multi, CURLMoption option, ...) {
    MESH_CURL_FUNCTION(curl_multi_setopt);
    va_list args;
    va_start(args, option);
    CURLMcode rc = CURLM_BAD_HANDLE;
    if (real) {
        if (option < CURLOPTTYPE_OBJECTPOINT)
            rc = real(multi, option, va_arg(args, long));
        else if (option < CURLOPTTYPE_FUNCTIONPOINT || option >= CURLOPTTYPE_BLOB)
            rc = real(multi, option, va_arg(args, void*));
        else if (option < CURLOPTTYPE_OFF_T)
            rc = real(multi, option, va_arg(args, void (*)()));
        else
            rc = real(multi, option, va_arg(args, curl_off_t));
    }
    va_end(args);
    return rc;
}

}  // extern "C"

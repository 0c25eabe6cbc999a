# fish completion for mesh, generated from mesh's command tree by `mesh completion fish`;
# do not edit. Install: copy to ~/.config/fish/completions/mesh.fish, or run
#   mesh completion fish | source

set -g __mesh_commands 'mesh dtab' 'mesh install' 'mesh inject' 'mesh uninject' 'mesh status' 'mesh check' 'mesh version' 'mesh webhook' 'mesh completion' 'mesh help' 'mesh dtab fmt' 'mesh dtab lint' 'mesh dtab delegate' 'mesh dtab diff' 'mesh dtab list' 'mesh dtab get' 'mesh dtab create' 'mesh dtab update' 'mesh dtab delete' 'mesh dtab watch' 'mesh dtab edit' 'mesh install namerd' 'mesh webhook serve' 'mesh webhook manifests'
set -g __mesh_value_options 'mesh dtab lint -o' 'mesh dtab lint --output' 'mesh dtab delegate --dtab' 'mesh dtab delegate --dtab-file' 'mesh dtab delegate -o' 'mesh dtab delegate --output' 'mesh dtab delegate --fs-namer' 'mesh dtab delegate --namerd' 'mesh dtab delegate --namerd-namespace' 'mesh dtab delegate --proxy' 'mesh dtab delegate --dtab-from-proxy' 'mesh dtab delegate --router' 'mesh dtab delegate --request-timeout' 'mesh dtab diff --namerd' 'mesh dtab diff --request-timeout' 'mesh dtab list --namerd' 'mesh dtab list --request-timeout' 'mesh dtab list -o' 'mesh dtab list --output' 'mesh dtab get --namerd' 'mesh dtab get --request-timeout' 'mesh dtab get -o' 'mesh dtab get --output' 'mesh dtab create --namerd' 'mesh dtab create --request-timeout' 'mesh dtab update --namerd' 'mesh dtab update --request-timeout' 'mesh dtab update --version' 'mesh dtab delete --namerd' 'mesh dtab delete --request-timeout' 'mesh dtab watch --namerd' 'mesh dtab watch --request-timeout' 'mesh dtab watch -o' 'mesh dtab watch --output' 'mesh dtab edit --namerd' 'mesh dtab edit --request-timeout' 'mesh install -n' 'mesh install --namespace' 'mesh install --linkerd-version' 'mesh install --registry' 'mesh install --kubectl-image' 'mesh install --service-type' 'mesh install -o' 'mesh install --output' 'mesh install --tls-secret' 'mesh install --zipkin' 'mesh install --namerd-address' 'mesh install namerd -n' 'mesh install namerd --namespace' 'mesh install namerd --linkerd-version' 'mesh install namerd --registry' 'mesh install namerd --kubectl-image' 'mesh install namerd --service-type' 'mesh install namerd -o' 'mesh install namerd --output' 'mesh inject -f' 'mesh inject --filename' 'mesh inject -o' 'mesh inject --output' 'mesh inject --report' 'mesh inject --kind-path' 'mesh inject --mode' 'mesh inject --protocol' 'mesh inject --proxy-port' 'mesh inject --proxy-env' 'mesh inject --no-proxy' 'mesh inject --init-image' 'mesh inject --linkerd-svc-name' 'mesh inject --init-arg' 'mesh uninject -f' 'mesh uninject --filename' 'mesh uninject -o' 'mesh uninject --output' 'mesh uninject --report' 'mesh uninject --kind-path' 'mesh status --proxy' 'mesh status --proxies-file' 'mesh status --kubeconfig' 'mesh status --context' 'mesh status --cluster' 'mesh status --user' 'mesh status --server' 'mesh status --token' 'mesh status --request-timeout' 'mesh status -n' 'mesh status --namespace' 'mesh status -l' 'mesh status --selector' 'mesh status --admin-port' 'mesh status --cacert' 'mesh status --parallel' 'mesh status --timeout' 'mesh status --overall-timeout' 'mesh status --max-body' 'mesh status --interval' 'mesh status --by' 'mesh status -o' 'mesh status --output' 'mesh check --proxy' 'mesh check --proxies-file' 'mesh check --kubeconfig' 'mesh check --context' 'mesh check --cluster' 'mesh check --user' 'mesh check --server' 'mesh check --token' 'mesh check --request-timeout' 'mesh check -n' 'mesh check --namespace' 'mesh check -l' 'mesh check --selector' 'mesh check --admin-port' 'mesh check --cacert' 'mesh check --parallel' 'mesh check --timeout' 'mesh check --overall-timeout' 'mesh check --max-body' 'mesh check --workload-namespace' 'mesh check --workload-selector' 'mesh check --interval' 'mesh check -o' 'mesh check --output' 'mesh check --namerd-admin' 'mesh check --success-rate-warn' 'mesh check --success-rate-error' 'mesh check --min-uptime' 'mesh check --max-restarts' 'mesh check --max-ejections' 'mesh check --p99-warn' 'mesh check --heap-warn' 'mesh version -o' 'mesh version --output' 'mesh webhook serve --listen' 'mesh webhook serve --tls-cert' 'mesh webhook serve --tls-key' 'mesh webhook serve --read-timeout' 'mesh webhook serve --keep-alive-timeout' 'mesh webhook serve --threads' 'mesh webhook serve --max-body-bytes' 'mesh webhook serve --max-connections' 'mesh webhook serve --cert-reload-interval' 'mesh webhook serve --mode' 'mesh webhook serve --protocol' 'mesh webhook serve --proxy-port' 'mesh webhook serve --proxy-env' 'mesh webhook serve --no-proxy' 'mesh webhook serve --init-image' 'mesh webhook serve --linkerd-svc-name' 'mesh webhook serve --init-arg' 'mesh webhook manifests --image' 'mesh webhook manifests --name' 'mesh webhook manifests -n' 'mesh webhook manifests --namespace' 'mesh webhook manifests --replicas' 'mesh webhook manifests --failure-policy' 'mesh webhook manifests --timeout-seconds' 'mesh webhook manifests --generate-certs' 'mesh webhook manifests --cert-days' 'mesh webhook manifests --threads' 'mesh webhook manifests --max-body-bytes' 'mesh webhook manifests --mode' 'mesh webhook manifests --protocol' 'mesh webhook manifests --proxy-port' 'mesh webhook manifests --proxy-env' 'mesh webhook manifests --no-proxy' 'mesh webhook manifests --init-image' 'mesh webhook manifests --linkerd-svc-name' 'mesh webhook manifests --init-arg'

# The command path of the tokens before the cursor: "mesh", "mesh dtab"...
function __mesh_path
    set -l tokens (commandline -opc)
    set -l path mesh
    set -l skip 0
    for t in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case '--*=*'
            case '-?*'
                if contains -- "$path $t" $__mesh_value_options
                    set skip 1
                end
            case '*'
                if contains -- "$path $t" $__mesh_commands
                    set path "$path $t"
                end
        end
    end
    echo $path
end

function __mesh_is
    test (__mesh_path) = "$argv[1]"
end

# --kubeconfig, --context and --namerd typed so far, as name=value words.
function __mesh_kubeflags
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --kubeconfig --context --namerd
                set -l next (math $i + 1)
                if test $next -le (count $tokens)
                    echo "$tokens[$i]=$tokens[$next]"
                end
            case '--kubeconfig=*' '--context=*' '--namerd=*'
                echo $tokens[$i]
        end
    end
end

function __mesh_contexts
    command mesh __complete contexts (__mesh_kubeflags) 2>/dev/null
end

function __mesh_dtab_namespaces
    command mesh __complete dtab-namespaces (__mesh_kubeflags) 2>/dev/null
end

function __mesh_namespaces
    command -q kubectl; or return
    command kubectl get namespaces -o name --request-timeout=3s (__mesh_kubeflags) 2>/dev/null | string replace -r '^namespace/' ''
end

complete -c mesh -f
complete -c kubectl-mesh -w mesh

# mesh
complete -c mesh -n '__mesh_is \'mesh\'' -a 'dtab' -d 'Format, lint, diff and delegate Finagle dtabs; manage namerd\'s dtabs'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'install' -d 'Print the Linkerd DaemonSet and its Kubernetes objects'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'inject' -d 'Route workloads\' traffic through the node-local Linkerd'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'uninject' -d 'Remove what mesh inject added'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'status' -d 'Show live Linkerd 1 proxies: up/down, version, success rate, rps, latency'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'check' -d 'Check the mesh\'s health in `linkerd check` style'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'version' -d 'Print the version, git commit and library versions'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'webhook' -d 'Inject pods as they are created: a mutating admission webhook'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'completion' -d 'Print a shell completion script (bash, zsh or fish)'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'help' -d 'Show the help of mesh or of one of its commands'
complete -c mesh -n '__mesh_is \'mesh\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh\'' -l version -d 'Print the version and exit'
complete -c mesh -n '__mesh_is \'mesh\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh dtab
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'fmt' -d 'Format a dtab: one dentry a line, arrows aligned, comments kept'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'lint' -d 'Find loops, dead dentries and unreachable branches in a dtab'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'delegate' -d 'Show how a path delegates through a dtab (offline dtab playground)'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'diff' -d 'Show dentries added, removed and moved between two dtabs'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'list' -d 'List namerd\'s dtab namespaces'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'get' -d 'Print a namespace\'s dtab with its version'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'create' -d 'Create a namespace from a dtab file'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'update' -d 'Replace a namespace\'s dtab, refusing to overwrite a concurrent change'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'delete' -d 'Delete a namespace'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'watch' -d 'Print a namespace\'s dtab every time it changes'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -a 'edit' -d 'Edit a namespace\'s dtab in $EDITOR and apply it safely'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh dtab fmt
complete -c mesh -n '__mesh_is \'mesh dtab fmt\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab fmt\'' -l compact -d 'Print Finagle\'s one-line form (drops comments)'
complete -c mesh -n '__mesh_is \'mesh dtab fmt\'' -s w -l write -d 'Rewrite each FILE in place (atomically)'
complete -c mesh -n '__mesh_is \'mesh dtab fmt\'' -l check -d 'Exit 3 if a FILE is not formatted (named on stderr); print nothing to stdout'
complete -c mesh -n '__mesh_is \'mesh dtab fmt\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab fmt\'' -F

# mesh dtab lint
complete -c mesh -n '__mesh_is \'mesh dtab lint\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab lint\'' -s o -l output -x -a 'text json' -d 'Output format: text or json'
complete -c mesh -n '__mesh_is \'mesh dtab lint\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab lint\'' -F

# mesh dtab delegate
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l dtab -x -d 'Dtab text (local dtab; repeatable)'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l dtab-file -x -d 'Dtab file, - for stdin (base dtab; repeatable)'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -s o -l output -x -a 'text json' -d 'Output format: text or json'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l resolve -d 'Bind as Finagle does and print only the bound names'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l fs-namer -x -a '(__fish_complete_directories)' -d 'Directory of io.l5d.fs files (lines of `host port [* weight]`)'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l no-symbolic-namers -d 'Treat /#/<namer> paths as neg instead of binding them symbolically'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l namerd -x -d 'namerd base URL: delegate remotely'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l namerd-namespace -x -d 'namerd namespace for --namerd'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l proxy -x -d 'Linkerd 1 admin address: ask the running proxy to delegate'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l dtab-from-proxy -x -d 'Linkerd 1 admin address: delegate offline with its router\'s dtab from /config.json'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l router -x -d 'Router label for --proxy or --dtab-from-proxy (default: the first router)'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab delegate\'' -F

# mesh dtab diff
complete -c mesh -n '__mesh_is \'mesh dtab diff\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab diff\'' -l namerd -x -d 'namerd base URL: A is a namespace there'
complete -c mesh -n '__mesh_is \'mesh dtab diff\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab diff\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh dtab list
complete -c mesh -n '__mesh_is \'mesh dtab list\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab list\'' -l namerd -x -d 'namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)'
complete -c mesh -n '__mesh_is \'mesh dtab list\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab list\'' -s o -l output -x -a 'text json' -d 'Output format: text or json'
complete -c mesh -n '__mesh_is \'mesh dtab list\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh dtab get
complete -c mesh -n '__mesh_is \'mesh dtab get\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab get\'' -l namerd -x -d 'namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)'
complete -c mesh -n '__mesh_is \'mesh dtab get\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab get\'' -s o -l output -x -a 'text compact json' -d 'Output format: text, compact or json'
complete -c mesh -n '__mesh_is \'mesh dtab get\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab get\'' -x -a '(__mesh_dtab_namespaces)'

# mesh dtab create
complete -c mesh -n '__mesh_is \'mesh dtab create\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab create\'' -l namerd -x -d 'namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)'
complete -c mesh -n '__mesh_is \'mesh dtab create\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab create\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab create\'' -x -a '(__mesh_dtab_namespaces)'

# mesh dtab update
complete -c mesh -n '__mesh_is \'mesh dtab update\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab update\'' -l namerd -x -d 'namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)'
complete -c mesh -n '__mesh_is \'mesh dtab update\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab update\'' -l version -x -d 'The ETag the edit is based on'
complete -c mesh -n '__mesh_is \'mesh dtab update\'' -l force -d 'Overwrite without a version check'
complete -c mesh -n '__mesh_is \'mesh dtab update\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab update\'' -x -a '(__mesh_dtab_namespaces)'

# mesh dtab delete
complete -c mesh -n '__mesh_is \'mesh dtab delete\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab delete\'' -l namerd -x -d 'namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)'
complete -c mesh -n '__mesh_is \'mesh dtab delete\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab delete\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab delete\'' -x -a '(__mesh_dtab_namespaces)'

# mesh dtab watch
complete -c mesh -n '__mesh_is \'mesh dtab watch\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab watch\'' -l namerd -x -d 'namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)'
complete -c mesh -n '__mesh_is \'mesh dtab watch\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab watch\'' -s o -l output -x -a 'text json' -d 'Output format: text or json'
complete -c mesh -n '__mesh_is \'mesh dtab watch\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab watch\'' -x -a '(__mesh_dtab_namespaces)'

# mesh dtab edit
complete -c mesh -n '__mesh_is \'mesh dtab edit\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh dtab edit\'' -l namerd -x -d 'namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)'
complete -c mesh -n '__mesh_is \'mesh dtab edit\'' -l request-timeout -x -d 'How long to wait for each namerd request'
complete -c mesh -n '__mesh_is \'mesh dtab edit\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh dtab edit\'' -x -a '(__mesh_dtab_namespaces)'

# mesh install
complete -c mesh -n '__mesh_is \'mesh install\'' -a 'namerd' -d 'Print namerd and its Kubernetes objects'
complete -c mesh -n '__mesh_is \'mesh install\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh install\'' -s n -l namespace -x -a '(__mesh_namespaces)' -d 'Namespace to install into'
complete -c mesh -n '__mesh_is \'mesh install\'' -l linkerd-version -x -d 'Linkerd and namerd image tag'
complete -c mesh -n '__mesh_is \'mesh install\'' -l registry -x -d 'Registry path of the linkerd and namerd images, for a mirror'
complete -c mesh -n '__mesh_is \'mesh install\'' -l kubectl-image -x -d 'Image of the `kubectl proxy` sidecar'
complete -c mesh -n '__mesh_is \'mesh install\'' -l service-type -x -a 'ClusterIP NodePort LoadBalancer' -d 'Type of the Service: ClusterIP, NodePort or LoadBalancer'
complete -c mesh -n '__mesh_is \'mesh install\'' -s o -l output -x -a 'yaml json' -d 'Output format: yaml or json (a v1 List)'
complete -c mesh -n '__mesh_is \'mesh install\'' -l cni -d 'Run on the host network, as the seed\'s linkerd-cni.yml'
complete -c mesh -n '__mesh_is \'mesh install\'' -l tls -d 'Encrypt traffic between nodes\' Linkerds'
complete -c mesh -n '__mesh_is \'mesh install\'' -l tls-secret -x -d 'Secret with tls.crt, tls.key (PKCS#8) and ca.crt for --tls'
complete -c mesh -n '__mesh_is \'mesh install\'' -l zipkin -x -d 'Send traces to the Zipkin collector at HOST:PORT'
complete -c mesh -n '__mesh_is \'mesh install\'' -l namerd -d 'Routers take their dtabs from namerd'
complete -c mesh -n '__mesh_is \'mesh install\'' -l namerd-address -x -d 'namerd\'s thrift interface (default namerd.NAMESPACE.svc.cluster.local:4100)'
complete -c mesh -n '__mesh_is \'mesh install\'' -l ingress -d 'Refused: Linkerd 1.7\'s ingress identifier needs an API Kubernetes removed'
complete -c mesh -n '__mesh_is \'mesh install\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh install namerd
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -s n -l namespace -x -a '(__mesh_namespaces)' -d 'Namespace to install into'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -l linkerd-version -x -d 'Linkerd and namerd image tag'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -l registry -x -d 'Registry path of the linkerd and namerd images, for a mirror'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -l kubectl-image -x -d 'Image of the `kubectl proxy` sidecar'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -l service-type -x -a 'ClusterIP NodePort LoadBalancer' -d 'Type of the Service: ClusterIP, NodePort or LoadBalancer'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -s o -l output -x -a 'yaml json' -d 'Output format: yaml or json (a v1 List)'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -l crds -d 'Print only the DTab CRD and the Namespace, which outlive namerd'
complete -c mesh -n '__mesh_is \'mesh install namerd\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh inject
complete -c mesh -n '__mesh_is \'mesh inject\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh inject\'' -s f -l filename -r -F -d 'Manifest to read: a file, \'-\' for stdin, a directory (.yaml/.yml/.json files) or an https:// URL; repeatable'
complete -c mesh -n '__mesh_is \'mesh inject\'' -s R -l recursive -d 'Descend into subdirectories of directories given with -f'
complete -c mesh -n '__mesh_is \'mesh inject\'' -s o -l output -x -a 'yaml json' -d 'Write every document as yaml or json (default: each keeps its own format)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l in-place -d 'Rewrite the input files atomically instead of writing to stdout'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l diff -d 'Print a unified diff of what would change; exit 3 when something would'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l report -x -a 'text json none' -d 'Per-object report on stderr: text, json or none'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l kind-path -x -d 'KIND[.GROUP]=DOTTED.PATH: where a custom kind keeps its pod template (e.g. Rollout.argoproj.io=spec.template; a plain KIND matches any API group); repeatable'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l mode -x -a 'http-proxy iptables' -d 'How traffic reaches Linkerd: http-proxy or iptables'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l protocol -x -a 'http h2 grpc' -d 'Linkerd router to use: http (4140), h2 (4240) or grpc (4340)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l proxy-port -x -d 'Port of the node\'s Linkerd router (wins over --protocol)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l proxy-env -x -d 'Also set this variable to $(NODE_NAME):PORT (e.g. HTTP_PROXY, grpc_proxy); repeatable'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l no-proxy -x -d 'Set no_proxy to this comma-separated list'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l overwrite-env -d 'Replace variables the app already sets to other values (recorded, so uninject restores them)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l init-image -x -d 'iptables mode: the init container\'s image'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l linkerd-svc-name -x -d 'iptables mode: the Linkerd DaemonSet\'s Service name'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l use-service-vip -d 'iptables mode: DNAT to the Service\'s cluster IP instead of the node (no Downward API)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l privileged -d 'iptables mode: run the init container privileged (OpenShift, SELinux)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l init-arg -x -d 'iptables mode: one more argument for the init container; repeatable'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l skip-refused -d 'Pass workloads that must not be injected through unchanged (reported) instead of failing'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l no-verify -d 'Skip reading each edited document back (with libfyaml) to check it means the input plus exactly the additions (about 1.5x as fast; the edits are the same)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l allow-host-network -d 'iptables mode: inject hostNetwork pods anyway'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l fail-on-warning -d 'Exit 3 when a workload has a warning or is not routed (a container keeps its own http_proxy), after writing the output as usual: for CI'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh uninject
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s f -l filename -r -F -d 'Manifest to read: a file, \'-\' for stdin, a directory (.yaml/.yml/.json files) or an https:// URL; repeatable'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s R -l recursive -d 'Descend into subdirectories of directories given with -f'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s o -l output -x -a 'yaml json' -d 'Write every document as yaml or json (default: each keeps its own format)'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l in-place -d 'Rewrite the input files atomically instead of writing to stdout'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l diff -d 'Print a unified diff of what would change; exit 3 when something would'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l report -x -a 'text json none' -d 'Per-object report on stderr: text, json or none'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l kind-path -x -d 'KIND[.GROUP]=DOTTED.PATH: where a custom kind keeps its pod template (e.g. Rollout.argoproj.io=spec.template; a plain KIND matches any API group); repeatable'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh status
complete -c mesh -n '__mesh_is \'mesh status\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh status\'' -l proxy -x -d 'Proxy admin address: host:port, host (port 9990) or an http(s):// URL (user:password@ is basic auth); repeatable'
complete -c mesh -n '__mesh_is \'mesh status\'' -l proxies-file -x -d 'File with one proxy address a line (\'#\' comments)'
complete -c mesh -n '__mesh_is \'mesh status\'' -l kubeconfig -r -F -d 'kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)'
complete -c mesh -n '__mesh_is \'mesh status\'' -l context -x -a '(__mesh_contexts)' -d 'kubeconfig context to use'
complete -c mesh -n '__mesh_is \'mesh status\'' -l cluster -x -d 'kubeconfig cluster to use'
complete -c mesh -n '__mesh_is \'mesh status\'' -l user -x -d 'kubeconfig user to use'
complete -c mesh -n '__mesh_is \'mesh status\'' -l server -x -d 'API server URL (overrides the kubeconfig)'
complete -c mesh -n '__mesh_is \'mesh status\'' -l token -x -d 'Bearer token for the API server'
complete -c mesh -n '__mesh_is \'mesh status\'' -l insecure-skip-tls-verify -d 'Do not verify the API server\'s certificate'
complete -c mesh -n '__mesh_is \'mesh status\'' -l request-timeout -x -d 'Timeout of each API server request (e.g. 10s, 500ms, 1m; 0 = none)'
complete -c mesh -n '__mesh_is \'mesh status\'' -s n -l namespace -x -a '(__mesh_namespaces)' -d 'Namespace of the proxy pods'
complete -c mesh -n '__mesh_is \'mesh status\'' -s l -l selector -x -d 'Label selector of the proxy pods'
complete -c mesh -n '__mesh_is \'mesh status\'' -l admin-port -x -d 'Admin port of the proxies'
complete -c mesh -n '__mesh_is \'mesh status\'' -l direct -d 'Connect to pod IPs instead of going through the API server\'s pod proxy'
complete -c mesh -n '__mesh_is \'mesh status\'' -l insecure -d 'Do not verify https:// admin servers\' certificates'
complete -c mesh -n '__mesh_is \'mesh status\'' -l cacert -x -d 'CA bundle for https:// admin servers'
complete -c mesh -n '__mesh_is \'mesh status\'' -l parallel -x -d 'At most this many requests at once'
complete -c mesh -n '__mesh_is \'mesh status\'' -l timeout -x -d 'Time allowed for each admin request'
complete -c mesh -n '__mesh_is \'mesh status\'' -l overall-timeout -x -d 'Time allowed for a whole round (0 = none)'
complete -c mesh -n '__mesh_is \'mesh status\'' -l max-body -x -d 'Largest admin answer accepted, in MiB'
complete -c mesh -n '__mesh_is \'mesh status\'' -s v -l verbose -d 'Log every HTTP request and its status on stderr (secrets redacted)'
complete -c mesh -n '__mesh_is \'mesh status\'' -l interval -x -d 'Time between the two samples that rates come from'
complete -c mesh -n '__mesh_is \'mesh status\'' -l once -d 'One sample: cumulative success rates, rps from the last histogram window (count/60)'
complete -c mesh -n '__mesh_is \'mesh status\'' -s w -l watch -d 'Refresh every --interval until Ctrl-C'
complete -c mesh -n '__mesh_is \'mesh status\'' -l by -x -a 'proxy service' -d 'Rows per proxy, or per logical service and the clients it went to, summed over every proxy'
complete -c mesh -n '__mesh_is \'mesh status\'' -s o -l output -x -a 'text wide json' -d 'Output format: text, wide or json'
complete -c mesh -n '__mesh_is \'mesh status\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh check
complete -c mesh -n '__mesh_is \'mesh check\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh check\'' -l proxy -x -d 'Proxy admin address: host:port, host (port 9990) or an http(s):// URL (user:password@ is basic auth); repeatable'
complete -c mesh -n '__mesh_is \'mesh check\'' -l proxies-file -x -d 'File with one proxy address a line (\'#\' comments)'
complete -c mesh -n '__mesh_is \'mesh check\'' -l kubeconfig -r -F -d 'kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)'
complete -c mesh -n '__mesh_is \'mesh check\'' -l context -x -a '(__mesh_contexts)' -d 'kubeconfig context to use'
complete -c mesh -n '__mesh_is \'mesh check\'' -l cluster -x -d 'kubeconfig cluster to use'
complete -c mesh -n '__mesh_is \'mesh check\'' -l user -x -d 'kubeconfig user to use'
complete -c mesh -n '__mesh_is \'mesh check\'' -l server -x -d 'API server URL (overrides the kubeconfig)'
complete -c mesh -n '__mesh_is \'mesh check\'' -l token -x -d 'Bearer token for the API server'
complete -c mesh -n '__mesh_is \'mesh check\'' -l insecure-skip-tls-verify -d 'Do not verify the API server\'s certificate'
complete -c mesh -n '__mesh_is \'mesh check\'' -l request-timeout -x -d 'Timeout of each API server request (e.g. 10s, 500ms, 1m; 0 = none)'
complete -c mesh -n '__mesh_is \'mesh check\'' -s n -l namespace -x -a '(__mesh_namespaces)' -d 'Namespace of the proxy pods'
complete -c mesh -n '__mesh_is \'mesh check\'' -s l -l selector -x -d 'Label selector of the proxy pods'
complete -c mesh -n '__mesh_is \'mesh check\'' -l admin-port -x -d 'Admin port of the proxies'
complete -c mesh -n '__mesh_is \'mesh check\'' -l direct -d 'Connect to pod IPs instead of going through the API server\'s pod proxy'
complete -c mesh -n '__mesh_is \'mesh check\'' -l insecure -d 'Do not verify https:// admin servers\' certificates'
complete -c mesh -n '__mesh_is \'mesh check\'' -l cacert -x -d 'CA bundle for https:// admin servers'
complete -c mesh -n '__mesh_is \'mesh check\'' -l parallel -x -d 'At most this many requests at once'
complete -c mesh -n '__mesh_is \'mesh check\'' -l timeout -x -d 'Time allowed for each admin request'
complete -c mesh -n '__mesh_is \'mesh check\'' -l overall-timeout -x -d 'Time allowed for a whole round (0 = none)'
complete -c mesh -n '__mesh_is \'mesh check\'' -l max-body -x -d 'Largest admin answer accepted, in MiB'
complete -c mesh -n '__mesh_is \'mesh check\'' -s v -l verbose -d 'Log every HTTP request and its status on stderr (secrets redacted)'
complete -c mesh -n '__mesh_is \'mesh check\'' -l workloads -d 'Also check every application pod: meshed, its port served by an l5d router, a ready l5d pod on its node, the injection settings of its namespace'
complete -c mesh -n '__mesh_is \'mesh check\'' -l workload-namespace -x -d 'Namespace of the application pods (repeatable; default: the context\'s, else default)'
complete -c mesh -n '__mesh_is \'mesh check\'' -s A -l all-namespaces -d 'Check the application pods of every namespace (as kubectl -A)'
complete -c mesh -n '__mesh_is \'mesh check\'' -l workload-selector -x -d 'Label selector of the application pods (default: all)'
complete -c mesh -n '__mesh_is \'mesh check\'' -l endpoints -d 'Also compare each proxy\'s io.l5d.k8s clients (/client_state.json) with the services\' EndpointSlices (else Endpoints): stale and missing addresses'
complete -c mesh -n '__mesh_is \'mesh check\'' -l interval -x -d 'Time between the two samples that rates come from'
complete -c mesh -n '__mesh_is \'mesh check\'' -l once -d 'One sample: cumulative success rates and ejection counts'
complete -c mesh -n '__mesh_is \'mesh check\'' -l fail-on-warning -d 'Exit 3 on warnings too'
complete -c mesh -n '__mesh_is \'mesh check\'' -s o -l output -x -a 'text short json' -d 'Output format: text, short (only problems) or json'
complete -c mesh -n '__mesh_is \'mesh check\'' -l namerd-admin -x -d 'Also check that namerd\'s admin (host:port, default port 9991) answers'
complete -c mesh -n '__mesh_is \'mesh check\'' -l success-rate-warn -x -d 'Warn below this success rate, in percent'
complete -c mesh -n '__mesh_is \'mesh check\'' -l success-rate-error -x -d 'Fail below this success rate, in percent'
complete -c mesh -n '__mesh_is \'mesh check\'' -l min-uptime -x -d 'Warn when a proxy has been up fewer seconds'
complete -c mesh -n '__mesh_is \'mesh check\'' -l max-restarts -x -d 'Warn when a proxy container restarted more often'
complete -c mesh -n '__mesh_is \'mesh check\'' -l max-ejections -x -d 'Warn when more endpoints were ejected in the interval'
complete -c mesh -n '__mesh_is \'mesh check\'' -l p99-warn -x -d 'Warn when a router\'s p99 latency exceeds this, in ms'
complete -c mesh -n '__mesh_is \'mesh check\'' -l heap-warn -x -d 'Warn when JVM heap use exceeds this, in percent'
complete -c mesh -n '__mesh_is \'mesh check\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh version
complete -c mesh -n '__mesh_is \'mesh version\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh version\'' -s o -l output -x -a 'text json' -d 'Output format'
complete -c mesh -n '__mesh_is \'mesh version\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh webhook
complete -c mesh -n '__mesh_is \'mesh webhook\'' -a 'serve' -d 'Serve the mutating admission webhook over HTTPS'
complete -c mesh -n '__mesh_is \'mesh webhook\'' -a 'manifests' -d 'Print the Kubernetes objects that run the webhook'
complete -c mesh -n '__mesh_is \'mesh webhook\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh webhook\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh webhook serve
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l listen -x -d 'Address to listen on: :PORT, HOST:PORT or [IPv6]:PORT'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l tls-cert -x -d 'PEM certificate (chain) to serve; reloaded when it changes'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l tls-key -x -d 'PEM private key of --tls-cert; reloaded when it changes'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l read-timeout -x -d 'Seconds a read may wait before the client is dropped'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l keep-alive-timeout -x -d 'Seconds an idle kept-alive connection stays open'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l threads -x -d 'Reviews answered at once (waiting connections hold no thread)'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l max-body-bytes -x -d 'Largest AdmissionReview accepted (larger: 413)'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l max-connections -x -d 'Open connections kept; more are closed at once'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l cert-reload-interval -x -d 'Seconds between checks of the certificate files'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l mode -x -a 'http-proxy iptables' -d 'How traffic reaches Linkerd: http-proxy or iptables'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l protocol -x -a 'http h2 grpc' -d 'Linkerd router to use: http (4140), h2 (4240) or grpc (4340)'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l proxy-port -x -d 'Port of the node\'s Linkerd router (wins over --protocol)'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l proxy-env -x -d 'Also set this variable to $(NODE_NAME):PORT (e.g. HTTP_PROXY, grpc_proxy); repeatable'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l no-proxy -x -d 'Set no_proxy to this comma-separated list'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l overwrite-env -d 'Replace variables the app already sets to other values (recorded, so uninject restores them)'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l init-image -x -d 'iptables mode: the init container\'s image'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l linkerd-svc-name -x -d 'iptables mode: the Linkerd DaemonSet\'s Service name'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l use-service-vip -d 'iptables mode: DNAT to the Service\'s cluster IP instead of the node (no Downward API)'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l privileged -d 'iptables mode: run the init container privileged (OpenShift, SELinux)'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l init-arg -x -d 'iptables mode: one more argument for the init container; repeatable'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l allow-host-network -d 'iptables mode: inject hostNetwork pods anyway'
complete -c mesh -n '__mesh_is \'mesh webhook serve\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh webhook manifests
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l image -x -d 'Container image with the mesh binary'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l name -x -d 'Name of the Deployment, Service, Secret and webhook configuration'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -s n -l namespace -x -a '(__mesh_namespaces)' -d 'Namespace to run the webhook in'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l replicas -x -d 'Webhook pods'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l failure-policy -x -a 'Ignore Fail' -d 'What the API server does when the webhook fails: Ignore or Fail'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l timeout-seconds -x -d 'How long the API server waits for an answer'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l generate-certs -x -d 'Make a CA and serving certificate in DIR and fill in the caBundle'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l cert-days -x -d 'Validity of generated certificates, in days'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l force -d 'With --generate-certs, replace files already in DIR (never writing through a symlink)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l threads -x -d 'Reviews answered at once (waiting connections hold no thread)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l max-body-bytes -x -d 'Largest AdmissionReview accepted (larger: 413)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l mode -x -a 'http-proxy iptables' -d 'How traffic reaches Linkerd: http-proxy or iptables'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l protocol -x -a 'http h2 grpc' -d 'Linkerd router to use: http (4140), h2 (4240) or grpc (4340)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l proxy-port -x -d 'Port of the node\'s Linkerd router (wins over --protocol)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l proxy-env -x -d 'Also set this variable to $(NODE_NAME):PORT (e.g. HTTP_PROXY, grpc_proxy); repeatable'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l no-proxy -x -d 'Set no_proxy to this comma-separated list'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l overwrite-env -d 'Replace variables the app already sets to other values (recorded, so uninject restores them)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l init-image -x -d 'iptables mode: the init container\'s image'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l linkerd-svc-name -x -d 'iptables mode: the Linkerd DaemonSet\'s Service name'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l use-service-vip -d 'iptables mode: DNAT to the Service\'s cluster IP instead of the node (no Downward API)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l privileged -d 'iptables mode: run the init container privileged (OpenShift, SELinux)'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l init-arg -x -d 'iptables mode: one more argument for the init container; repeatable'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l allow-host-network -d 'iptables mode: inject hostNetwork pods anyway'
complete -c mesh -n '__mesh_is \'mesh webhook manifests\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh completion
complete -c mesh -n '__mesh_is \'mesh completion\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh completion\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh completion\'' -x -a 'bash zsh fish'

# mesh help
complete -c mesh -n '__mesh_is \'mesh help\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh help\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

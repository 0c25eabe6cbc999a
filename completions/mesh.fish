# fish completion for mesh, generated from mesh's command tree by `mesh completion fish`;
# do not edit. Install: copy to ~/.config/fish/completions/mesh.fish, or run
#   mesh completion fish | source

set -g __mesh_commands 'mesh inject' 'mesh uninject' 'mesh version' 'mesh completion'
set -g __mesh_value_options 'mesh inject -f' 'mesh inject --filename' 'mesh inject -o' 'mesh inject --output' 'mesh inject --report' 'mesh inject --kind-path' 'mesh inject --mode' 'mesh inject --protocol' 'mesh inject --proxy-port' 'mesh inject --proxy-env' 'mesh inject --no-proxy' 'mesh inject --init-image' 'mesh inject --linkerd-svc-name' 'mesh inject --init-arg' 'mesh uninject -f' 'mesh uninject --filename' 'mesh uninject -o' 'mesh uninject --output' 'mesh uninject --report' 'mesh uninject --kind-path' 'mesh version -o' 'mesh version --output'

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

# --kubeconfig and --context typed so far, as name=value words.
function __mesh_kubeflags
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --kubeconfig --context
                set -l next (math $i + 1)
                if test $next -le (count $tokens)
                    echo "$tokens[$i]=$tokens[$next]"
                end
            case '--kubeconfig=*' '--context=*'
                echo $tokens[$i]
        end
    end
end

function __mesh_contexts
    command mesh __complete contexts (__mesh_kubeflags) 2>/dev/null
end

function __mesh_namespaces
    command -q kubectl; or return
    command kubectl get namespaces -o name --request-timeout=3s (__mesh_kubeflags) 2>/dev/null | string replace -r '^namespace/' ''
end

complete -c mesh -f
complete -c kubectl-mesh -w mesh

# mesh
complete -c mesh -n '__mesh_is \'mesh\'' -a 'inject' -d 'Route workloads\' traffic through the node-local Linkerd'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'uninject' -d 'Remove what mesh inject added'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'version' -d 'Print the version, git commit and library versions'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'completion' -d 'Print a shell completion script (bash, zsh or fish)'
complete -c mesh -n '__mesh_is \'mesh\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh\'' -l version -d 'Print the version and exit'
complete -c mesh -n '__mesh_is \'mesh\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh inject
complete -c mesh -n '__mesh_is \'mesh inject\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh inject\'' -s f -l filename -r -F -d 'Manifest to read: a file, \'-\' for stdin, a directory (.yaml/.yml/.json files) or an https:// URL; repeatable'
complete -c mesh -n '__mesh_is \'mesh inject\'' -s R -l recursive -d 'Descend into subdirectories of directories given with -f'
complete -c mesh -n '__mesh_is \'mesh inject\'' -s o -l output -x -a 'yaml json' -d 'Write every document as yaml or json (default: each keeps its own format)'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l in-place -d 'Rewrite the input files atomically instead of writing to stdout'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l diff -d 'Print a unified diff of what would change; exit 3 when something would'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l report -x -a 'text json none' -d 'Per-object report on stderr: text, json or none'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l kind-path -x -d 'KIND=DOTTED.PATH: where a custom kind keeps its pod template (e.g. Rollout=spec.template); repeatable'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l no-color -d 'Never colour the report (also: NO_COLOR)'
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
complete -c mesh -n '__mesh_is \'mesh inject\'' -l allow-host-network -d 'iptables mode: inject hostNetwork pods anyway'

# mesh uninject
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s f -l filename -r -F -d 'Manifest to read: a file, \'-\' for stdin, a directory (.yaml/.yml/.json files) or an https:// URL; repeatable'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s R -l recursive -d 'Descend into subdirectories of directories given with -f'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s o -l output -x -a 'yaml json' -d 'Write every document as yaml or json (default: each keeps its own format)'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l in-place -d 'Rewrite the input files atomically instead of writing to stdout'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l diff -d 'Print a unified diff of what would change; exit 3 when something would'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l report -x -a 'text json none' -d 'Per-object report on stderr: text, json or none'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l kind-path -x -d 'KIND=DOTTED.PATH: where a custom kind keeps its pod template (e.g. Rollout=spec.template); repeatable'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l no-color -d 'Never colour the report (also: NO_COLOR)'

# mesh version
complete -c mesh -n '__mesh_is \'mesh version\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh version\'' -s o -l output -x -a 'text json' -d 'Output format'
complete -c mesh -n '__mesh_is \'mesh version\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh completion
complete -c mesh -n '__mesh_is \'mesh completion\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh completion\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh completion\'' -x -a 'bash zsh fish'

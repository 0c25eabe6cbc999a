# fish completion for mesh, generated from mesh's command tree by `mesh completion fish`;
# do not edit. Install: copy to ~/.config/fish/completions/mesh.fish, or run
#   mesh completion fish | source

set -g __mesh_commands 'mesh inject' 'mesh uninject' 'mesh version' 'mesh completion'
set -g __mesh_value_options 'mesh version -o' 'mesh version --output'

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
complete -c mesh -n '__mesh_is \'mesh\'' -a 'inject' -d 'Inject'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'uninject' -d 'Uninject'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'version' -d 'Print the version, git commit and library versions'
complete -c mesh -n '__mesh_is \'mesh\'' -a 'completion' -d 'Print a shell completion script (bash, zsh or fish)'
complete -c mesh -n '__mesh_is \'mesh\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh\'' -l version -d 'Print the version and exit'
complete -c mesh -n '__mesh_is \'mesh\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh inject
complete -c mesh -n '__mesh_is \'mesh inject\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh inject\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh uninject
complete -c mesh -n '__mesh_is \'mesh uninject\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh uninject\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh version
complete -c mesh -n '__mesh_is \'mesh version\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh version\'' -s o -l output -x -a 'text json' -d 'Output format'
complete -c mesh -n '__mesh_is \'mesh version\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'

# mesh completion
complete -c mesh -n '__mesh_is \'mesh completion\'' -s h -l help -d 'Print this help message and exit'
complete -c mesh -n '__mesh_is \'mesh completion\'' -l no-color -d 'Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)'
complete -c mesh -n '__mesh_is \'mesh completion\'' -x -a 'bash zsh fish'

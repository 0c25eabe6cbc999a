// The Kubernetes reading of a manifest stream, for tests: split it as apimachinery's YAMLReader
// does (a line that is "---", optionally followed by blanks or a comment, ends a document) and
// convert each document with sigs.k8s.io/yaml's YAMLToJSONStrict, as kubectl and the API server
// read YAML. Prints one JSON line per document ("null" for an empty one), or the error on stderr
// and exit 1. Built offline from Debian's golang-k8s-sigs-yaml-dev (GOPATH mode).
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"

	"sigs.k8s.io/yaml"
)

var separator = regexp.MustCompile(`^---([ \t]+(#.*)?)?\r?$`)

func main() {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var docs [][]byte
	var current bytes.Buffer
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		// apimachinery's line reader gives an unterminated last line a newline.
		if i == len(lines)-1 && len(line) > 0 && !bytes.HasSuffix(line, []byte("\n")) {
			line = append(append([]byte(nil), line...), '\n')
		}
		if separator.Match(bytes.TrimRight(line, "\n")) {
			docs = append(docs, append([]byte(nil), current.Bytes()...))
			current.Reset()
			continue
		}
		current.Write(line)
	}
	docs = append(docs, current.Bytes())
	var out bytes.Buffer
	for _, doc := range docs {
		j, err := yaml.YAMLToJSONStrict(doc)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		out.Write(j)
		out.WriteString("\n")
	}
	os.Stdout.Write(out.Bytes())
}

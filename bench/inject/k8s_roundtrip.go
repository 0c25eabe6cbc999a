// The peer: what linkerd2's `inject` and istioctl's `kube-inject` do with a manifest, reduced to the
// same injection mesh performs. Split the stream as apimachinery does, convert each document with
// sigs.k8s.io/yaml, add NODE_NAME, POD_IP and http_proxy to every Deployment container, and
// marshal back to YAML. Built offline from Debian's golang-k8s-sigs-yaml-dev (GOPATH mode).
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"

	"sigs.k8s.io/yaml"
)

func splitDocuments(data []byte) [][]byte {
	var docs [][]byte
	var current bytes.Buffer
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		trimmed := bytes.TrimRight(line, " \t\r\n")
		if bytes.Equal(trimmed, []byte("---")) || bytes.HasPrefix(line, []byte("--- #")) {
			docs = append(docs, append([]byte(nil), current.Bytes()...))
			current.Reset()
			continue
		}
		current.Write(line)
	}
	return append(docs, current.Bytes())
}

func injectEnv(obj map[string]interface{}) {
	spec, _ := obj["spec"].(map[string]interface{})
	template, _ := spec["template"].(map[string]interface{})
	podSpec, _ := template["spec"].(map[string]interface{})
	containers, _ := podSpec["containers"].([]interface{})
	for _, c := range containers {
		container := c.(map[string]interface{})
		env, _ := container["env"].([]interface{})
		added := []interface{}{
			map[string]interface{}{"name": "NODE_NAME", "valueFrom": map[string]interface{}{"fieldRef": map[string]interface{}{"fieldPath": "spec.nodeName"}}},
			map[string]interface{}{"name": "POD_IP", "valueFrom": map[string]interface{}{"fieldRef": map[string]interface{}{"fieldPath": "status.podIP"}}},
			map[string]interface{}{"name": "http_proxy", "value": "$(NODE_NAME):4140"},
		}
		container["env"] = append(added, env...)
	}
}

func main() {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	for _, doc := range splitDocuments(data) {
		var obj map[string]interface{}
		if err := yaml.Unmarshal(doc, &obj); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if obj == nil {
			continue
		}
		if obj["kind"] == "Deployment" {
			injectEnv(obj)
		}
		b, err := yaml.Marshal(obj)
		if err != nil {
			panic(err)
		}
		out.Write(b)
		out.WriteString("---\n")
	}
}

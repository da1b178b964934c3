// k8s-validate decodes rendered Kubernetes manifests strictly into the Kubernetes API types: an
// unknown field, a wrong type, a duplicate key, an unknown kind or apiVersion is an error. It needs
// nothing at run time (no schema download, no cluster), so it runs offline in CI (issue 17).
//
// Usage: k8s-validate FILE... (or - for standard input); multi-document YAML. Exit 0 when every
// document decodes, 1 otherwise (each error names the document's kind, name and source).
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"sigs.k8s.io/yaml"
)

// kinds maps "apiVersion/kind" to a constructor of the matching API type.
var kinds = map[string]func() any{
	"v1/ConfigMap":                             func() any { return &corev1.ConfigMap{} },
	"v1/Secret":                                func() any { return &corev1.Secret{} },
	"v1/Service":                               func() any { return &corev1.Service{} },
	"v1/ServiceAccount":                        func() any { return &corev1.ServiceAccount{} },
	"v1/PersistentVolumeClaim":                 func() any { return &corev1.PersistentVolumeClaim{} },
	"v1/Pod":                                   func() any { return &corev1.Pod{} },
	"apps/v1/Deployment":                       func() any { return &appsv1.Deployment{} },
	"apps/v1/StatefulSet":                      func() any { return &appsv1.StatefulSet{} },
	"batch/v1/Job":                             func() any { return &batchv1.Job{} },
	"batch/v1/CronJob":                         func() any { return &batchv1.CronJob{} },
	"networking.k8s.io/v1/Ingress":             func() any { return &networkingv1.Ingress{} },
	"networking.k8s.io/v1/NetworkPolicy":       func() any { return &networkingv1.NetworkPolicy{} },
	"policy/v1/PodDisruptionBudget":            func() any { return &policyv1.PodDisruptionBudget{} },
	"autoscaling/v2/HorizontalPodAutoscaler":   func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"rbac.authorization.k8s.io/v1/Role":        func() any { return &rbacv1.Role{} },
	"rbac.authorization.k8s.io/v1/RoleBinding": func() any { return &rbacv1.RoleBinding{} },
}

var separator = regexp.MustCompile(`(?m)^---\s*$`)

type header struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name string `json:"name"`
	} `json:"metadata"`
}

// validate checks one multi-document stream and returns one error per bad document.
func validate(source string, data []byte) (checked int, errs []error) {
	for i, doc := range separator.Split(string(data), -1) {
		if len(bytes.TrimSpace(stripComments([]byte(doc)))) == 0 {
			continue
		}
		checked++
		where := fmt.Sprintf("%s, document %d", source, i+1)
		var h header
		if err := yaml.Unmarshal([]byte(doc), &h); err != nil {
			errs = append(errs, fmt.Errorf("%s: not YAML: %w", where, err))
			continue
		}
		where = fmt.Sprintf("%s (%s %q)", where, h.Kind, h.Metadata.Name)
		newObject, ok := kinds[h.APIVersion+"/"+h.Kind]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: unknown apiVersion/kind %q", where, h.APIVersion+"/"+h.Kind))
			continue
		}
		if h.Metadata.Name == "" {
			errs = append(errs, fmt.Errorf("%s: metadata.name is missing", where))
		}
		if err := yaml.UnmarshalStrict([]byte(doc), newObject()); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
	}
	return checked, errs
}

// stripComments drops whole-line YAML comments (helm template writes "# Source: …" lines).
func stripComments(doc []byte) []byte {
	var out bytes.Buffer
	scanner := bufio.NewScanner(bytes.NewReader(doc))
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for scanner.Scan() {
		line := scanner.Bytes()
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '#' {
			continue
		}
		out.Write(line)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: k8s-validate FILE... (- for standard input)")
		os.Exit(2)
	}
	total, failed := 0, 0
	for _, path := range os.Args[1:] {
		var data []byte
		var err error
		if path == "-" {
			data, err = io.ReadAll(os.Stdin)
		} else {
			data, err = os.ReadFile(path)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		checked, errs := validate(path, data)
		total += checked
		for _, e := range errs {
			failed++
			fmt.Fprintln(os.Stderr, "invalid:", e)
		}
	}
	if total == 0 {
		fmt.Fprintln(os.Stderr, errors.New("no manifests found"))
		os.Exit(1)
	}
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "%d of %d manifests invalid\n", failed, total)
		os.Exit(1)
	}
	fmt.Printf("%d manifests valid\n", total)
}

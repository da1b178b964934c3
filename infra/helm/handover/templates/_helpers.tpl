{{- define "handover.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "handover.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "handover.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "handover.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "handover.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "handover.secretName" -}}
{{- if .Values.secret.create -}}
{{- include "handover.fullname" . -}}-secrets
{{- else -}}
{{- required "secret.name is required when secret.create is false" .Values.secret.name -}}
{{- end -}}
{{- end -}}

{{/* The environment every service shares: the ConfigMap, the Secret, the data dir and TLS files. */}}
{{- define "handover.envFrom" -}}
envFrom:
  - configMapRef:
      name: {{ include "handover.fullname" . }}-config
  - secretRef:
      name: {{ include "handover.secretName" . }}
{{- end -}}

{{- define "handover.volumes" -}}
volumes:
  - name: data
    {{- if .Values.data.persistence.enabled }}
    persistentVolumeClaim:
      claimName: {{ default (printf "%s-data" (include "handover.fullname" .)) .Values.data.persistence.existingClaim }}
    {{- else }}
    emptyDir: {}
    {{- end }}
  - name: tmp
    emptyDir: {}
  {{- if .Values.temporalTls.secretName }}
  - name: temporal-tls
    secret:
      secretName: {{ .Values.temporalTls.secretName }}
  {{- end }}
{{- end -}}

{{- define "handover.volumeMounts" -}}
volumeMounts:
  - name: data
    mountPath: {{ .Values.data.mountPath }}
  - name: tmp
    mountPath: /tmp
  {{- if .Values.temporalTls.secretName }}
  - name: temporal-tls
    mountPath: /etc/handover/temporal
    readOnly: true
  {{- end }}
{{- end -}}

{{- define "handover.extraEnv" -}}
{{- range $name, $value := . }}
  - name: {{ $name }}
    value: {{ $value | quote }}
{{- end }}
{{- end -}}

// Node-RED for the peer benchmark: the flow's HTTP endpoint only. No editor
// or admin API, no credentials, no context store on disk, warnings only.
module.exports = {
  uiHost: "127.0.0.1",
  httpAdminRoot: false,
  httpNodeRoot: "/",
  flowFile: "flows.json",
  flowFilePretty: false,
  credentialSecret: false,
  logging: { console: { level: "warn", metrics: false, audit: false } },
  externalModules: { autoInstall: false },
  diagnostics: { enabled: false },
  runtimeState: { enabled: false },
  telemetry: { enabled: false },
};

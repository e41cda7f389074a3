// Validates a kustomize-style directory of Kubernetes manifests against the Kubernetes and Prometheus Operator
// schemas (kubernetes-models, @kubernetes-models/prometheus-operator), as `kubectl apply -k` would build it:
// every resource the kustomization lists, and the ConfigMaps its configMapGenerator makes.
// Usage: node validate.js DIR   Prints one line per object; exit 1 on the first problem, with its path.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const dir = process.argv[2];
const kustomization = yaml.load(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
const problems = [];

function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = group === "monitoring.coreos.com"
    ? [`@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`]
    : [group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`];
  for (const module of candidates) {
    try {
      return require(module)[kind];
    } catch (e) {
      if (e.code !== "MODULE_NOT_FOUND") throw e;
    }
  }
  return null;
}

function check(source, object) {
  const where = `${source}: ${object.kind} ${object.metadata && object.metadata.name}`;
  const Model = modelOf(object.apiVersion, object.kind);
  if (!Model) {
    problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
    return;
  }
  try {
    new Model(object).validate();
    console.log(`valid   ${where}`);
  } catch (e) {
    problems.push(`${where}: ${e.message}`);
  }
}

const listed = new Set(kustomization.resources || []);
for (const file of fs.readdirSync(dir).filter(f => f.endsWith(".yaml") && f !== "kustomization.yaml")) {
  const generated = (kustomization.configMapGenerator || []).some(g => (g.files || []).includes(file));
  if (!listed.has(file) && !generated) problems.push(`${file}: not listed in kustomization.yaml`);
}
for (const file of listed) {
  for (const object of yaml.loadAll(fs.readFileSync(path.join(dir, file), "utf8"))) {
    if (object) check(file, object);
  }
}
for (const generator of kustomization.configMapGenerator || []) {
  const data = {};
  for (const file of generator.files || []) data[path.basename(file)] = fs.readFileSync(path.join(dir, file), "utf8");
  check("configMapGenerator", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: generator.name }, data });
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}

// Read .ics files with Mozilla's ical.js (Thunderbird's parser) and print what it understood as JSON.
//
//   node tests/interop/icaljs.mjs a.ics b.ics ...   one batch, one node process
//   node tests/interop/icaljs.mjs < a.ics           one calendar from stdin (shown as "-")
//
// Output: {"icaljs": version, "files": [{"path", "calendar": {...}, "timezones": [...],
// "events": [...]} or {"path", "error"}]}. Exit status 1 when any file failed to parse.
// tests/test_interop.py compares this with the data; nothing here knows what the data should be.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

// ical.js exports no package.json; read the installed copy's, beside this script.
const version = JSON.parse(
  readFileSync(new URL("./node_modules/ical.js/package.json", import.meta.url), "utf8"),
).version;

function values(component, name) {
  return component.getAllProperties(name).flatMap((p) => p.getValues().map(String));
}

function first(component, name) {
  const prop = component.getFirstProperty(name);
  return prop === null ? null : String(prop.getFirstValue());
}

// Every property of a component by name, each as its list of values (as strings), parameters aside.
function properties(component) {
  const out = {};
  for (const prop of component.getAllProperties()) {
    (out[prop.name] ??= []).push(...prop.getValues().map(String));
  }
  return out;
}

// A DTSTART/DTEND as ical.js reads it: the wall-clock value, whether it is a DATE, the TZID
// parameter, the zone ical.js resolved it to (from the file's VTIMEZONE) and the instant in UTC.
function when(vevent, name) {
  const prop = vevent.getFirstProperty(name);
  if (prop === null) return null;
  const time = prop.getFirstValue();
  const out = {
    value: time.toString(),
    isDate: time.isDate,
    tzid: prop.getParameter("tzid") ?? null,
    zone: time.zone ? time.zone.tzid : null,
  };
  if (!time.isDate) {
    out.utc = new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
    out.utcOffset = time.utcOffset();
  }
  return out;
}

function event(vevent) {
  const sequence = first(vevent, "sequence");
  return {
    uid: first(vevent, "uid"),
    summary: first(vevent, "summary"),
    description: first(vevent, "description"),
    location: first(vevent, "location"),
    start: when(vevent, "dtstart"),
    end: when(vevent, "dtend"),
    status: first(vevent, "status"),
    sequence: sequence === null ? null : Number(sequence),
    categories: values(vevent, "categories"),
    relatedTo: values(vevent, "related-to"),
    transp: first(vevent, "transp"),
    url: first(vevent, "url"),
  };
}

function read(path, text) {
  try {
    const root = new ICAL.Component(ICAL.parse(text));
    if (root.name !== "vcalendar") throw new Error(`top-level component is ${root.name}, not VCALENDAR`);
    return {
      path,
      calendar: properties(root),
      timezones: root.getAllSubcomponents("vtimezone").map((tz) => first(tz, "tzid")),
      components: root.getAllSubcomponents().map((c) => c.name),
      events: root.getAllSubcomponents("vevent").map(event),
    };
  } catch (err) {
    return { path, error: `${err.name}: ${err.message}` };
  }
}

const paths = process.argv.slice(2);
const files =
  paths.length === 0 || (paths.length === 1 && paths[0] === "-")
    ? [read("-", readFileSync(0, "utf8"))]
    : paths.map((path) => {
        try {
          return read(path, readFileSync(path, "utf8"));
        } catch (err) {
          return { path, error: `${err.name}: ${err.message}` };
        }
      });
process.stdout.write(JSON.stringify({ icaljs: version, files }, null, 1) + "\n");
process.exitCode = files.some((f) => "error" in f) ? 1 : 0;

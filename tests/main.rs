//! Integration tests: one binary, driven by a small course builder that writes a tiny course
//! into a temporary folder and runs the real `episode` binary on it.

// Helpers used by some test modules only.
#[allow(dead_code)]
mod support;

mod browser;
mod build;
mod build_errors;
mod build_output;
mod bundle_course;
mod bundles;
mod cli;
mod closed_pipes;
mod code_syntax;
mod control_chars;
mod corpus_layouts;
mod damaged_courses;
mod enhance;
mod feeds;
mod fuzz;
mod gates;
mod init;
mod interactive;
mod judge;
mod layouts;
mod links;
mod lint;
mod lint_corpus;
mod lint_formats;
mod local_files;
mod malformed_code;
mod mermaid;
mod mermaid_as_written;
mod new;
mod output_paths;
mod raw_html;
mod runaway_templates;
mod serve;

//! One module per subcommand: glue between the CLI and the pipeline, nothing more.

pub mod build;
pub mod completions;
pub mod enhancements;
pub mod init;
pub mod lint;
pub mod new;
pub mod serve;

//! The preview server: the course served from memory on a loopback address, pages reloading
//! themselves as their sources are saved, and the findings of the page in view shown over it.
//!
//! ```text
//! watch ─ paths ─► update::apply ─ Snapshot ─► Server::install ─┬─► event stream: reload
//!                                                               └─► lint thread ─► findings
//! request ─► http::handle ─► Server::file (render on demand, keep until touched)
//! ```
//!
//! Nothing is written to disk but the diagram cache a build also uses. The live-reload script
//! exists only in served pages: [`http`] adds it to each page as it is sent.

mod events;
mod findings;
mod http;
mod server;
mod snapshot;
mod update;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context as _, bail};

use crate::mermaid::MermaidEngine;
use crate::mermaid::cache::DiskCache;
use crate::term::print_err;
use crate::text::plural;

use server::Server;
use snapshot::Snapshot;

/// The port tried first when none is given.
const DEFAULT_PORT: u16 = 3000;

/// How to serve.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The port; `None`: [`DEFAULT_PORT`], or a free one when it is taken.
    pub(crate) port: Option<u16>,
    /// The address to listen on.
    pub(crate) bind: IpAddr,
    /// Whether an address other machines can reach is allowed.
    pub(crate) allow_remote: bool,
    /// Open a browser once serving.
    pub(crate) open: bool,
    /// Show drafts.
    pub(crate) drafts: bool,
    /// Print notes too.
    pub(crate) verbose: bool,
}

/// Serves the course at `root` until the process is stopped; `Err` when it cannot start.
pub(crate) fn run(root: &Path, options: &Options) -> anyhow::Result<()> {
    let started = Instant::now();
    let listener = listen(options)?;
    let port = listener.local_addr()?.port();
    let host = match options.bind {
        ip if ip.is_unspecified() => Ipv4Addr::LOCALHOST.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let base_url = format!("http://{host}:{port}/");
    let engine = MermaidEngine::new();
    let cache = DiskCache::from_env();
    let snapshot = Snapshot::load(root, &base_url, &engine, cache.as_ref())?;
    if let Some(cache) = &cache {
        cache.seal();
    }
    let mut watch = watch::Watch::start(&snapshot.loaded.config)?;
    let title = snapshot.loaded.config.title.clone();
    let episodes = snapshot.model.course.episodes.len();
    let root = snapshot.loaded.config.root.clone();
    let server = Arc::new(Server::new(
        snapshot,
        root,
        base_url.clone(),
        options.drafts,
        engine,
        cache,
        options.verbose,
    ));
    let http = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| anyhow::anyhow!("cannot serve on {base_url}: {e}"))?;
    print_err(&format!(
        "Serving {title} at {base_url} ({}, ready in {:.2} s)\n  watching episodes/, enhancements/, templates/ and book.toml; Ctrl-C stops\n",
        plural(episodes, "episode"),
        started.elapsed().as_secs_f64()
    ));
    if options.open
        && let Err(error) = opener::open(&base_url)
    {
        print_err(&format!(
            "note: cannot open a browser ({error}); open {base_url} yourself\n"
        ));
    }
    let linting = Arc::clone(&server);
    std::thread::spawn(move || linting.lint_forever());
    let watching = Arc::clone(&server);
    std::thread::spawn(move || {
        while let Some(paths) = watch.next_batch() {
            apply(&watching, &paths);
            if let Err(error) = watch.follow(&watching.snapshot().loaded.config) {
                print_err(&format!("warning: {error:#}\n"));
            }
        }
    });
    for request in http.incoming_requests() {
        let server = Arc::clone(&server);
        std::thread::spawn(move || http::handle(&server, request));
    }
    Ok(())
}

/// Applies a batch of saved files and says in the terminal what it changed.
fn apply(server: &Server, paths: &[std::path::PathBuf]) {
    let started = Instant::now();
    let current = server.snapshot();
    let Some(update) = update::apply(&current, paths, &server.context()) else {
        return;
    };
    let what = match update.changed.as_slice() {
        [one] => one.clone(),
        many => plural(many.len(), "file"),
    };
    let pages = match &update.affected {
        update::Affected::All => "every page".to_owned(),
        update::Affected::Pages(pages) => plural(pages.len(), "page"),
    };
    server.install(update);
    print_err(&format!(
        "  {what} changed: {pages} to reload ({:.0} ms)\n",
        started.elapsed().as_secs_f64() * 1000.0
    ));
}

/// The listening socket: the address checked, the port chosen.
fn listen(options: &Options) -> anyhow::Result<TcpListener> {
    let ip = options.bind;
    if !ip.is_loopback() {
        if !options.allow_remote {
            bail!(
                "refusing to serve on {ip}: other machines could reach it\n  help: the preview server is meant for this machine (--bind 127.0.0.1, the default); add --allow-remote to serve on {ip} anyway"
            );
        }
        print_err(&format!(
            "warning: serving on {ip}: anyone who can reach this machine can read the course, drafts included\n"
        ));
    }
    let bind = |port| TcpListener::bind(SocketAddr::new(ip, port));
    match options.port {
        Some(port) => bind(port).with_context(|| {
            format!("cannot listen on {ip}:{port}; pick another port with --port, or --port 0 for any free one")
        }),
        None => bind(DEFAULT_PORT).or_else(|_| {
            print_err(&format!(
                "note: port {DEFAULT_PORT} is taken; using a free port instead\n"
            ));
            bind(0).with_context(|| format!("cannot listen on {ip}"))
        }),
    }
}

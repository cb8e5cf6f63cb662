//! Server-sent events: the stream each served page listens to for `reload` and `findings`.
//!
//! Each connection gets a channel; [`Clients::send`] formats an event once and hands it to
//! every open connection, forgetting those that closed. A connection writes a comment every
//! few seconds when idle, so a closed browser tab is noticed and its thread ends.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long an idle connection waits before writing a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(10);

/// Every open event stream.
#[derive(Debug, Default)]
pub(crate) struct Clients {
    senders: Mutex<Vec<Sender<String>>>,
}

impl Clients {
    /// A new connection's receiving end.
    pub(crate) fn subscribe(&self) -> Receiver<String> {
        let (sender, receiver) = mpsc::channel();
        lock(&self.senders).push(sender);
        receiver
    }

    /// Sends `event` with JSON `data` to every open connection.
    pub(crate) fn send(&self, event: &str, data: &serde_json::Value) {
        let text = format_event(event, data);
        lock(&self.senders).retain(|s| s.send(text.clone()).is_ok());
    }
}

/// `event: NAME\ndata: JSON\n\n`.
pub(crate) fn format_event(event: &str, data: &serde_json::Value) -> String {
    format!("event: {event}\ndata: {data}\n\n")
}

/// Writes the stream's head (asking browsers to reconnect after half a second, not their
/// default 3 to 5), `first`, then every event received until the connection closes.
pub(crate) fn stream(
    mut out: Box<dyn Write + Send>,
    first: String,
    events: &Receiver<String>,
) -> std::io::Result<()> {
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n",
    )?;
    out.write_all(first.as_bytes())?;
    out.flush()?;
    loop {
        let text = match events.recv_timeout(KEEP_ALIVE) {
            Ok(text) => text,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_owned(),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
}

/// Locks, recovering the data if a thread panicked while holding it (the list stays usable).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_reaches_every_open_connection_and_closed_ones_are_forgotten() {
        let clients = Clients::default();
        let open = clients.subscribe();
        drop(clients.subscribe());
        clients.send("reload", &serde_json::json!({"all": true}));
        assert_eq!(
            open.try_recv().ok().as_deref(),
            Some("event: reload\ndata: {\"all\":true}\n\n")
        );
        assert_eq!(lock(&clients.senders).len(), 1);
    }
}

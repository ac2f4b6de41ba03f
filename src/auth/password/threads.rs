//! The threads password hashes run on: a fixed set, started with the hasher, each at a low
//! CPU priority (nice 10 on Linux and other Unixes). bcrypt is deliberately CPU-bound; at
//! normal priority a storm of logins would share every core equally with the request
//! handlers, and a cheap request would wait behind hashes for its slice of CPU. At nice 10
//! the scheduler runs a woken handler thread almost at once, while the hashes still get
//! every cycle nothing else wants.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

use thread_priority::{ThreadPriority, ThreadPriorityValue};

/// One piece of hashing work.
type Job = Box<dyn FnOnce() + Send>;

/// The priority of the hashing threads, on `thread-priority`'s 0–99 scale: 22 maps to nice 10
/// on Linux (0 would be nice 19, the lowest).
const PRIORITY: u8 = 22;

/// Dedicated low-priority threads that run hashing jobs in the order they come. The threads
/// end when this value is dropped.
pub(super) struct HashThreads {
    jobs: Sender<Job>,
}

impl HashThreads {
    /// Start `count` threads (at least one).
    pub(super) fn start(count: usize) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for index in 0..count.max(1) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("tally-hash-{index}"))
                .spawn(move || serve(&queue))?;
        }
        Ok(Self { jobs })
    }

    /// Run `work` on one of the threads and wait for its result; `None` if it panicked.
    pub(super) async fn run<T, F>(&self, work: F) -> Option<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (done, result) = tokio::sync::oneshot::channel();
        // Counted from now until the job ends, even if it panics or its caller gave up.
        let queued = Queued::new();
        let job: Job = Box::new(move || {
            let _queued = queued;
            let _ = done.send(work());
        });
        self.jobs.send(job).ok()?;
        result.await.ok()
    }
}

/// A job in the queue depth metric (queued or running) while this lives. Only a job counted
/// when it came is uncounted when it goes: metrics may be switched on in between.
struct Queued {
    counted: bool,
}

impl Queued {
    fn new() -> Self {
        let counted = crate::meter::enabled();
        if counted {
            crate::meter::password_hash_queue(1.0);
        }
        Self { counted }
    }
}

impl Drop for Queued {
    fn drop(&mut self) {
        if self.counted {
            crate::meter::password_hash_queue(-1.0);
        }
    }
}

/// A hashing thread: lower its priority, then run jobs until the queue closes.
fn serve(queue: &Mutex<Receiver<Job>>) {
    lower_priority();
    loop {
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else { return };
        // A panicking job loses its result (its caller sees an error), not the thread.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

fn lower_priority() {
    let lowered = ThreadPriorityValue::try_from(PRIORITY)
        .map_err(|err| format!("{err:?}"))
        .and_then(|value| {
            thread_priority::set_current_thread_priority(ThreadPriority::Crossplatform(value))
                .map_err(|err| format!("{err:?}"))
        });
    if let Err(err) = lowered {
        tracing::warn!(error = %err, "could not lower the priority of a password-hashing thread");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn jobs_run_at_nice_10_or_lower_priority() {
        let threads = HashThreads::start(1).unwrap();
        let stat = threads
            .run(|| std::fs::read_to_string("/proc/thread-self/stat").unwrap())
            .await
            .unwrap();
        // Fields after the parenthesised command name: state is the 3rd field, nice the 19th.
        let after_name = stat.rsplit_once(')').unwrap().1;
        let nice: i32 = after_name
            .split_whitespace()
            .nth(16)
            .unwrap()
            .parse()
            .unwrap();
        // At least 10: a process already started at a lower priority stays there.
        assert!(nice >= 10, "{stat}");
    }

    #[tokio::test]
    async fn a_panicking_job_loses_its_result_but_not_the_thread() {
        let threads = HashThreads::start(1).unwrap();
        assert_eq!(threads.run(|| -> u8 { panic!("boom") }).await, None);
        assert_eq!(threads.run(|| 7).await, Some(7));
    }
}

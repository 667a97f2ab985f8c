//! Render slots: as many renders at once as the machine has cores, the rest waiting in a queue
//! of bounded length (past it a 503 at once), each render given a time limit.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::http::StatusCode;
use tokio::sync::Semaphore;

use super::error::ApiError;

/// The renders running and waiting.
pub struct Slots {
    running: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
    time_limit: Duration,
}

impl Slots {
    /// `workers` renders at once, `queue` more waiting, each at most `time_limit`.
    pub fn new(workers: usize, queue: usize, time_limit: Duration) -> Slots {
        Slots {
            running: Arc::new(Semaphore::new(workers.max(1))),
            waiting: AtomicUsize::new(0),
            queue,
            time_limit,
        }
    }

    /// Runs `job` on a blocking thread once a slot is free. A job that outlives the time limit
    /// is answered with a 503 and keeps its slot until it ends, so no more than `workers` ever
    /// run.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(busy(
                "the server is busy: every render slot is taken and the queue full",
            ));
        }
        let permit = self.running.clone().acquire_owned().await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        let permit = permit.map_err(|_| busy("the server is shutting down"))?;
        let task = tokio::task::spawn_blocking(move || {
            let done = job();
            drop(permit);
            done
        });
        match tokio::time::timeout(self.time_limit, task).await {
            Ok(Ok(done)) => Ok(done),
            Ok(Err(_)) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the render failed inside gongwen (a bug: please report it with the source)",
            )),
            Err(_) => Err(busy(&format!(
                "the render took longer than {} s",
                self.time_limit.as_secs_f32()
            ))
            .hint("send a shorter document, or raise --time-limit")),
        }
    }
}

fn busy(message: &str) -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message).hint("try again in a moment")
}

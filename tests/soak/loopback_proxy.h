// A hostile network on 127.0.0.1 for the fault soak: an HTTP-aware TCP proxy in front of one server that,
// by a seeded draw per request, drops the request, loses the response after the server handled it, delays
// it, or sends it a second time later (so a stale duplicate overtakes newer requests).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace roadbook::testing {

// Chances per request, each between 0 and 1.
struct ProxyFaults {
    double drop_request = 0;
    double drop_response = 0;
    double duplicate_later = 0;
    double delay = 0;
    int longest_delay_ms = 0;
};

struct ProxyCounters {
    int64_t requests = 0;
    int64_t dropped_requests = 0;
    int64_t dropped_responses = 0;
    int64_t duplicated = 0;
    int64_t delayed = 0;
    int64_t upstream_failures = 0;  // the server was down: the client sees a broken connection
};

class LoopbackProxy {
public:
    LoopbackProxy(int upstream_port, ProxyFaults faults, uint64_t seed);
    ~LoopbackProxy();
    LoopbackProxy(const LoopbackProxy&) = delete;
    LoopbackProxy& operator=(const LoopbackProxy&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // The final convergence runs on a calm network.
    void SetFaults(ProxyFaults faults);
    ProxyCounters counters();

private:
    enum class Fate { kForward, kDropRequest, kDropResponse };
    struct Draw {
        Fate fate = Fate::kForward;
        int delay_ms = 0;
        int duplicate_after_ms = -1;  // -1: no duplicate
    };
    Draw NextDraw();
    void AcceptLoop();
    void Serve(int client);
    void SendLater(std::string request, int after_ms);
    // Starts `work` on its own thread and joins the threads that have finished (called with mutex_ held).
    void Spawn(std::function<void()> work);

    int upstream_port_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;  // guards everything below
    ProxyFaults faults_;
    std::mt19937_64 random_;
    ProxyCounters counters_;
    std::vector<int> open_sockets_;
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> finished;
    };
    std::vector<Worker> workers_;
    std::thread acceptor_;
};

}  // namespace roadbook::testing

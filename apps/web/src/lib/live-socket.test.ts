import { describe, expect, it, vi } from "vitest";
import { subscribeLive, throttle, type SocketLike } from "./live-socket.ts";

class FakeSocket implements SocketLike {
  sent: unknown[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  receive(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

describe("subscribeLive", () => {
  it("inits, subscribes after the ack, answers pings and delivers events", () => {
    const socket = new FakeSocket();
    const events: unknown[] = [];
    const onOpen = vi.fn();
    subscribeLive(() => socket, "subscription { runsChanged { id } }", { a: 1 }, { onEvent: (d) => events.push(d), onOpen });
    socket.onopen?.({});
    expect(socket.sent).toEqual([{ type: "connection_init", payload: {} }]);
    socket.receive({ type: "connection_ack" });
    expect(socket.sent[1]).toEqual({ id: "1", type: "subscribe", payload: { query: "subscription { runsChanged { id } }", variables: { a: 1 } } });
    expect(onOpen).toHaveBeenCalledOnce();
    socket.receive({ type: "ping" });
    expect(socket.sent[2]).toEqual({ type: "pong" });
    socket.receive({ id: "1", type: "next", payload: { data: { runsChanged: { id: "r" } } } });
    socket.receive({ id: "2", type: "next", payload: { data: "other" } });
    socket.onmessage?.({ data: "not json" });
    expect(events).toEqual([{ runsChanged: { id: "r" } }]);
  });
  it("reports a close once, on error messages or a dropped socket, but not after unsubscribing", () => {
    const socket = new FakeSocket();
    const onClose = vi.fn();
    subscribeLive(() => socket, "q", {}, { onEvent: () => undefined, onClose });
    socket.receive({ id: "1", type: "error", payload: [{ message: "FORBIDDEN" }] });
    socket.onclose?.({});
    expect(onClose).toHaveBeenCalledOnce();
    expect(socket.closed).toBe(true);

    const other = new FakeSocket();
    const onClose2 = vi.fn();
    const stop = subscribeLive(() => other, "q", {}, { onEvent: () => undefined, onClose: onClose2 });
    stop();
    other.onclose?.({});
    expect(onClose2).not.toHaveBeenCalled();
    expect(other.closed).toBe(true);
  });
});

describe("throttle", () => {
  it("coalesces a burst into one trailing call per window", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 300);
    t.call();
    t.call();
    t.call();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledOnce();
    t.call();
    t.cancel();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });
});

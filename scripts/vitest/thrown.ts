// Shared by the vendors' tests: the error a synchronous call throws, checked to be of the expected
// class (a call that does not throw, or throws something else, fails the test).
import { expect } from "vitest";

/** What `fn` throws, asserted to be an instance of `ErrorClass`. */
export function thrown<E>(fn: () => unknown, ErrorClass: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ErrorClass);
    return error as E;
  }
  throw new Error(`expected a ${ErrorClass.name}, but nothing was thrown`);
}

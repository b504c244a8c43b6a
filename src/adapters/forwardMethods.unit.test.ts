import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardMethods, type Forwarded } from './forwardMethods.ts';

class Counter {
  #n = 0;
  readonly label = 'counter';
  add(by: number): number {
    return (this.#n += by);
  }
  get(): number {
    return this.#n;
  }
}

const FROM_COUNTER = ['add', 'get'] as const;
interface Facade extends Forwarded<Counter, typeof FROM_COUNTER> {}
class Facade {
  readonly counter = new Counter();
  constructor() {
    forwardMethods(this, this.counter, FROM_COUNTER);
  }
}

describe('forwardMethods: a facade serving its concerns’ methods as they are', () => {
  it('installs the listed methods bound to the concern, not enumerable, replaceable', () => {
    const f = new Facade();
    const { add } = f;
    assert.equal(add(2), 2, 'bound to the concern (private fields work when detached)');
    assert.equal(f.add(3), 5);
    assert.equal(f.get(), 5);
    assert.equal(f.counter.get(), 5, 'the concern holds the state');
    assert.deepEqual(Object.keys(f), ['counter'], 'like class methods, not enumerable');
    f.get = () => 42;
    assert.equal(f.get(), 42, 'a test may wrap one');
    assert.equal('label' in f, false, 'only the listed methods');
  });
});

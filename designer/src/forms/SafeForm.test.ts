// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { i18n } from '@/i18n';
import SafeForm from './SafeForm.vue';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 25 flat fields: 3 automatic sections of 12, 12 and 1; the last one is required. */
const schema = {
  type: 'object',
  properties: Object.fromEntries(
    Array.from({ length: 25 }, (_, i) => [`q${i + 1}`, { type: 'string', title: `第${i + 1}项`, 'x-component': 'Input', ...(i === 24 ? { required: true } : {}) }]),
  ),
};

describe('SafeForm (happy-dom)', () => {
  it('renders a long flat form in sections, only the first one mounted, with progress over all fields', async () => {
    // when
    const w = mount(SafeForm, { props: { schema, value: { q1: 'a', q20: 'b' } }, global: { plugins: [i18n, createPinia()] } });
    await flushPromises();
    await wait(100);
    // then
    expect(w.findAll('.sf-section')).toHaveLength(3);
    expect(w.findAll('.sf-section-body')).toHaveLength(1);
    expect(w.find('[data-test=form-progress]').text()).toContain('2/25');
    w.unmount();
  });

  it('opens the section of a field with an error and shows the message on it; submit is not emitted', async () => {
    // given
    const w = mount(SafeForm, { props: { schema }, global: { plugins: [i18n, createPinia()] } });
    await flushPromises();
    // when
    const ok = await (w.vm as unknown as { submit(): Promise<boolean> }).submit();
    await flushPromises();
    await wait(100);
    // then
    expect(ok).toBe(false);
    expect(w.emitted('submit')).toBeUndefined();
    expect(w.findAll('.sf-section-body')).toHaveLength(2);
    expect(w.find('[data-section=__section3]').text()).toContain('该字段是必填字段');
    expect(w.find('[data-test=form-errors]').text()).toContain('1');
    w.unmount();
  });

  it('emits submit with the values when valid, and change only after a real edit', async () => {
    // given
    const w = mount(SafeForm, { props: { schema, value: { q25: 'x' } }, global: { plugins: [i18n, createPinia()] } });
    await flushPromises();
    await wait(100);
    expect(w.emitted('change')).toBeUndefined();
    // when
    await w.find('input').setValue('hello');
    await wait(100);
    const ok = await (w.vm as unknown as { submit(): Promise<boolean> }).submit();
    // then
    expect(ok).toBe(true);
    expect(w.emitted('change')?.at(-1)?.[0]).toEqual({ q1: 'hello', q25: 'x' });
    expect(w.emitted('submit')?.[0]?.[0]).toEqual({ q1: 'hello', q25: 'x' });
    w.unmount();
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import type { AiAlarm } from './aiApi';

const { aiApi } = vi.hoisted(() => ({
  aiApi: { alarms: vi.fn(), labels: vi.fn(), reviewAlarm: vi.fn() },
}));
vi.mock('./aiApi', () => ({ aiApi }));

import AlarmReviewPage from './AlarmReviewPage.vue';

const alarm: AiAlarm = {
  id: 'a1', orgId: 'o1', cameraId: null, modelId: 'm1', ruleKey: 'no-helmet', label: 'person', box: { x1: 1, y1: 2, x2: 30, y2: 40 },
  confidence: 0.9, snapshotFileId: null, status: 'open', occurrences: 1, firstAt: 0, lastAt: 0, processInstanceId: 'pi1', reviewedBy: null, reviewedAt: null, revision: 3,
  camera: { name: 'A区冲压车间', zone: { name: '冲压车间', risk: 'orange' } }, ruleName: { 'zh-CN': '未佩戴安全帽', en: 'Person without a helmet' },
};

describe('AlarmReviewPage', () => {
  afterEach(() => vi.clearAllMocks());

  it('启动指挥调度 reviews with confirmed and dispatch, spins only that button while the request runs, then drops the card', async () => {
    // given one open alarm, and a review request that waits until released
    aiApi.alarms.mockResolvedValue({ items: [alarm] });
    aiApi.labels.mockResolvedValue({ items: [] });
    let release!: (a: AiAlarm) => void;
    aiApi.reviewAlarm.mockReturnValue(new Promise<AiAlarm>((r) => (release = r)));
    const wrapper = mount(AlarmReviewPage, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    const button = (name: string) => wrapper.find(`[data-test=alarm-${name}]`);
    expect(button('dispatch').text()).toBe('启动指挥调度');
    // the card names the camera, its zone and the rule in the reader's language (not the rule's key)
    expect(wrapper.find('[data-test=alarm-camera]').text()).toBe('A区冲压车间冲压车间');
    expect(wrapper.find('[data-test=alarm-rule]').text()).toBe('未佩戴安全帽');
    // when the dispatch button is pressed
    await button('dispatch').trigger('click');
    // then the alarm is reviewed as confirmed with dispatch, and only the dispatch button spins while all wait
    expect(aiApi.reviewAlarm).toHaveBeenCalledWith(expect.anything(), alarm, true, expect.any(String), true);
    expect(button('dispatch').classes()).toContain('is-loading');
    expect(button('confirm').classes()).not.toContain('is-loading');
    for (const b of ['confirm', 'dispatch', 'false']) expect(button(b).attributes('disabled')).toBeDefined();
    // and once it answers the card is gone
    release({ ...alarm, status: 'confirmed' });
    await flushPromises();
    expect(wrapper.find('[data-test=alarm-a1]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('确认 reviews without dispatch and spins only the confirm button', async () => {
    // given
    aiApi.alarms.mockResolvedValue({ items: [alarm] });
    aiApi.labels.mockResolvedValue({ items: [] });
    aiApi.reviewAlarm.mockReturnValue(new Promise(() => {}));
    const wrapper = mount(AlarmReviewPage, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    // when
    await wrapper.find('[data-test=alarm-confirm]').trigger('click');
    // then
    expect(aiApi.reviewAlarm).toHaveBeenCalledWith(expect.anything(), alarm, true, expect.any(String), false);
    expect(wrapper.find('[data-test=alarm-confirm]').classes()).toContain('is-loading');
    expect(wrapper.find('[data-test=alarm-dispatch]').classes()).not.toContain('is-loading');
    wrapper.unmount();
  });
});

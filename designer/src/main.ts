import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import './styles/base.css';
import App from './App.vue';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { useUiStore } from './stores/ui';

/** Boots the SafeFlow web app. */
const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
useUiStore(pinia);
app.use(createAppRouter());
app.mount('#app');

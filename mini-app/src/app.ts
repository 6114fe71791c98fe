import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

import 'zmp-ui/zaui.css';
import './css/app.css';

import appConfig from '../app-config.json';
import { MyApp } from './components/app.tsx';

// Expose the app configuration as Zalo's templates do (zmp-ui reads it).
if (!window.APP_CONFIG) {
  window.APP_CONFIG = appConfig;
}

const container = document.getElementById('app');
if (container) {
  createRoot(container).render(createElement(MyApp));
}

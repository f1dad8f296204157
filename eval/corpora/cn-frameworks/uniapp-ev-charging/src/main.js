import { createSSRApp } from 'vue'
import * as Pinia from 'pinia'
import App from './App.vue'
// GrowingIO 3.x uni-app SDK（官方提供的单文件版本）
import gdp from './utils/gio-uniapp'

gdp('init', '9e1f6d5c8a7b4e21', 'a31b0c4f2d6e8a90', 'wx7d2c1b9e0a4f3e28', {
  version: '1.9.3',
  host: 'napi.growingio.com',
  debug: false,
})

export function createApp() {
  const app = createSSRApp(App)
  app.use(Pinia.createPinia())
  return { app, Pinia }
}

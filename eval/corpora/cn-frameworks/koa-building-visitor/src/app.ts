import Koa from 'koa'
import { koaBody } from 'koa-body'
import mongoose from 'mongoose'
import router from './routes/visitor'
import { logger } from './logger'

const app = new Koa()

app.use(koaBody({ jsonLimit: '5mb' }))
app.use(async (ctx, next) => {
  try {
    await next()
  } catch (err) {
    const e = err as { status?: number; message: string }
    ctx.status = e.status ?? 500
    ctx.body = { message: e.message }
    if (ctx.status >= 500) logger.error('%s %s failed: %s', ctx.method, ctx.path, e.message)
  }
})
app.use(router.routes()).use(router.allowedMethods())

mongoose.connect(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/tower').then(() => {
  app.listen(Number(process.env.PORT ?? 3300), () => logger.info('visitor service up'))
})

import type { Connection } from 'mongoose';
import { banditArmModel } from './bandit-arm.model.js';
import { customerModel } from './customer.model.js';
import { eventModel } from './event.model.js';
import { messageModel } from './message.model.js';
import { orderModel } from './order.model.js';
import { productModel } from './product.model.js';
import { profileModel } from './profile.model.js';
import { sendBreakerModel } from './send-breaker.model.js';
import { sendWindowModel } from './send-window.model.js';
import { storedModelModel } from './stored-model.model.js';
import { suppressionModel } from './suppression.model.js';
import { webhookReceiptModel } from './webhook-receipt.model.js';

export function createModels(connection: Connection) {
  return {
    Customer: customerModel(connection),
    Product: productModel(connection),
    Event: eventModel(connection),
    Order: orderModel(connection),
    Profile: profileModel(connection),
    StoredModel: storedModelModel(connection),
    Message: messageModel(connection),
    Suppression: suppressionModel(connection),
    WebhookReceipt: webhookReceiptModel(connection),
    SendWindow: sendWindowModel(connection),
    BanditArm: banditArmModel(connection),
    SendBreaker: sendBreakerModel(connection),
  };
}

export type Models = ReturnType<typeof createModels>;
